import { ListConditions } from './list-conditions.js';

describe("a list query's conditions", () => {
  it('hold only the filters given, each value a parameter numbered in order', () => {
    const conditions = new ListConditions()
      .whenGiven('wokingham-borough-council', 'text', (organisationId) => `r.organisation_id = ${organisationId}`)
      .whenGiven(null, 'text', (deciderId) => `r.decider_id = ${deciderId}`)
      .whenGiven(undefined, 'text', (outcome) => `r.outcome = ${outcome}`)
      .whenGiven(false, 'boolean', (keyDecision) => `p.key_decision = ${keyDecision}`)
      .whenGiven('2019-01-01T00:00:00.000Z', 'timestamptz', (from) => `r.decided_on >= ${from}`);
    expect(conditions.where).toBe('WHERE r.organisation_id = $1::text AND p.key_decision = $2::boolean AND r.decided_on >= $3::timestamptz');
    expect(conditions.values).toEqual(['wokingham-borough-council', false, '2019-01-01T00:00:00.000Z']);
    expect(conditions.parameter(51, 'integer')).toBe('$4::integer');
    expect(conditions.values).toEqual(['wokingham-borough-council', false, '2019-01-01T00:00:00.000Z', 51]);
  });

  it('give no WHERE when no filter was given, so that an unfiltered list is one statement of its own', () => {
    const conditions = new ListConditions().whenGiven(null, 'text', (id) => `o.organisation_id > ${id}`).whenKey(null, ['text'], (key) => `(id) > (${key})`);
    expect(conditions.where).toBe('');
    expect(conditions.values).toEqual([]);
  });

  it("hand a cursor's key over as parameters of its parts' types", () => {
    const conditions = new ListConditions()
      .and(`r.call_ins <> '[]'`)
      .whenKey(['2019-06-30T23:00:00.000Z', '7421', '3'], ['timestamptz', 'bigint', 'bigint'], (key) => `(r.decided_on, r.log_transaction, r.log_sequence) < (${key})`);
    expect(conditions.where).toBe(`WHERE r.call_ins <> '[]' AND (r.decided_on, r.log_transaction, r.log_sequence) < ($1::timestamptz, $2::bigint, $3::bigint)`);
    expect(conditions.values).toEqual(['2019-06-30T23:00:00.000Z', '7421', '3']);
  });
});
