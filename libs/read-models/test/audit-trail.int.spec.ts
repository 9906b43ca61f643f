import { auditTrail, auditTrailProjection } from '@ledger/read-models';
import { anEvent, describeReadModels } from './read-model-harness.js';

describeReadModels('the audit trail read model', (subject) => {
  it('keeps one row per event with its actor and line of English', async () => {
    const { store, readModels } = subject();
    const { positions } = await store.append('organisation-wirral-council', [anEvent('OrganisationRegistered', { organisationId: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', establishedOn: '1974-03-31T23:00:00.000Z' }, 'clerk:wirral')], { expectedVersion: 'no-stream' });
    const { projector, reader } = await readModels([auditTrailProjection]);
    await projector.projectThrough(positions[0]);
    expect(await reader.query('SELECT stream_id, type, actor, summary FROM audit_trail')).toEqual([
      { stream_id: 'organisation-wirral-council', type: 'OrganisationRegistered', actor: 'clerk:wirral', summary: 'Wirral Council (wirral-council) registered as local-authority, established 1 April 1974' },
    ]);
  });
  it('lists the trail in log order when transaction ids gain a digit (9 before 10, not as text)', async () => {
    const { reader } = await subject().readModels([auditTrailProjection]);
    for (const [transaction, summary] of [[10, 'second'], [9, 'first']] as const) {
      await reader.query(
        `INSERT INTO audit_trail (log_transaction, log_sequence, position, stream_id, stream_version, event_id, type, actor, recorded_at, summary)
         VALUES ($1, 1, $2, 'organisation-wirral-council', $3, gen_random_uuid(), 'OrganisationRegistered', 'clerk:wirral', now(), $4)`,
        [transaction, `${transaction}:1`, transaction === 9 ? 1 : 2, summary],
      );
    }
    const page = await auditTrail(reader, { limit: 1 });
    expect(page.items.map((entry) => entry.summary)).toEqual(['first']);
    const next = await auditTrail(reader, { limit: 1, cursor: page.nextCursor! });
    expect(next.items.map((entry) => entry.summary)).toEqual(['second']);
  });
});
