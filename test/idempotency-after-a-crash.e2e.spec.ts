import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describeOnEveryStore, type HttpAnswer, type LedgerApi } from './ledger-api.js';

/*
 * A process killed, or its database lost, between recording a command and keeping its answer
 * leaves the Idempotency-Key claimed without an answer. Each test makes that state as a crash
 * would leave it — the command's events in the log, the key's answer missing — and retries with
 * the same key: the retry must answer what the first attempt did (the same id and position),
 * append nothing, and never be refused by the command's own events (409 already_exists).
 */

const COUNCIL = 'reading-borough-council';
const CABINET = 'reading-policy-committee';
const DIRECTOR = 'reading-director-adult-care';
const instrument = { title: 'Reading Borough Council Constitution, Scheme of Delegation to Officers' };

/** The state a crash leaves between the append and the answer: the key claimed, unanswered, its claim lapsed (or lapsing in `seconds`). */
async function loseTheAnswer(api: LedgerApi, key: string, seconds = 0): Promise<void> {
  const updated = await api.database.query(
    `UPDATE ledger_idempotency SET status_code = NULL, response = NULL, claimed_until = now() + make_interval(secs => $2) WHERE key = $1 RETURNING key`,
    [key, seconds],
  );
  expect(updated).toHaveLength(1);
}

function expectSameAnswer(retry: HttpAnswer, first: HttpAnswer): void {
  expect({ status: retry.status, body: retry.json() }).toEqual({ status: first.status, body: first.json() });
}

describeOnEveryStore('a command whose answer was lost in a crash', (api) => {
  let clerk: string;
  const post = (path: string, body: unknown, idempotencyKey: string) => api().post(path, body, { key: clerk, idempotencyKey });

  /** Sends a command, loses its answer as a crash would, and sends it again with the same key. */
  async function retriedAfterACrash(path: string, body: unknown, key: string): Promise<{ first: HttpAnswer; retry: HttpAnswer; appendedByRetry: number }> {
    const first = await post(path, body, key);
    expect(first.status).toBe(201);
    await loseTheAnswer(api(), key);
    const before = await api().eventCount();
    const retry = await post(path, body, key);
    return { first, retry, appendedByRetry: (await api().eventCount()) - before };
  }

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'reading-democratic-services');
    const organisation = await post('/v1/organisations', { id: COUNCIL, name: 'Reading Borough Council', kind: 'local-authority', functions: ['adult-social-care', 'bcf'], establishedOn: '1998-04-01' }, 'setup-organisation');
    expect(organisation.status).toBe(201);
  });

  it('answers the governing body established (two streams and a check of the organisation) as first answered', async () => {
    const { first, retry, appendedByRetry } = await retriedAfterACrash(
      '/v1/bodies',
      { id: CABINET, name: 'Policy Committee', kind: 'governing-body', organisationId: COUNCIL, establishedOn: '2013-05-22' },
      'establish-policy-committee',
    );
    expectSameAnswer(retry, first);
    expect(appendedByRetry).toBe(0);
  });

  it('answers the post created (its id checked free) as first answered', async () => {
    const { first, retry, appendedByRetry } = await retriedAfterACrash('/v1/posts', { id: DIRECTOR, title: 'Executive Director of Adult Social Care', organisationId: COUNCIL }, 'create-director');
    expectSameAnswer(retry, first);
    expect(appendedByRetry).toBe(0);
  });

  it('answers the delegation granted (its id claimed, the scheme checked first) as first answered', async () => {
    const { first, retry, appendedByRetry } = await retriedAfterACrash(
      '/v1/delegations',
      { id: 'policy-committee-to-director', organisationId: COUNCIL, fromId: CABINET, toId: DIRECTOR, scopes: ['adult-social-care'], limitPence: 100_000_000, effectiveFrom: '2016-04-01', mayRedelegate: false, instrument },
      'grant-director',
    );
    expectSameAnswer(retry, first);
    expect(appendedByRetry).toBe(0);
  });

  it('answers a proposal tabled, amended and ratified under delegated authority as first answered, never 409 for its own events', async () => {
    const proposal = {
      id: 'reading-home-care-framework-2024',
      title: 'Home care framework 2024–2028',
      scopes: ['adult-social-care'],
      valuePence: 45_000_000,
      keyDecision: false,
      proposedById: CABINET,
      route: [{ organisationId: COUNCIL, requirement: 'approve' }],
      tabledOn: '2024-01-08',
    };
    const tabled = await retriedAfterACrash('/v1/proposals', proposal, 'table-home-care');
    expectSameAnswer(tabled.retry, tabled.first);
    const amended = await retriedAfterACrash(`/v1/proposals/${proposal.id}/amendments`, { amendedOn: '2024-01-15', reason: 'Revised rates', valuePence: 44_000_000 }, 'amend-home-care');
    expectSameAnswer(amended.retry, amended.first);
    expect(amended.retry.json().version).toBe(2); // not a third version made by the retry
    const ratified = await retriedAfterACrash(
      `/v1/proposals/${proposal.id}/ratifications`,
      { ratificationId: 'reading-home-care-director-approval', deciderId: DIRECTOR, version: 2, outcome: 'approved', decidedOn: '2024-02-01', reasons: 'Within budget' },
      'ratify-home-care',
    );
    expectSameAnswer(ratified.retry, ratified.first);
    expect(ratified.retry.json().authority.allowed).toBe(true);
    expect(tabled.appendedByRetry + amended.appendedByRetry + ratified.appendedByRetry).toBe(0);
  });

  it('waits for a claim that has not lapsed, then takes it over and answers as first answered', async () => {
    const body = { id: 'reading-lead-commissioner', title: 'Lead Commissioner', organisationId: COUNCIL };
    const first = await post('/v1/posts', body, 'create-lead-commissioner');
    await loseTheAnswer(api(), 'create-lead-commissioner', 1);
    const started = Date.now();
    const retry = await post('/v1/posts', body, 'create-lead-commissioner');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expectSameAnswer(retry, first);
  });

  it('carries out now a command whose first attempt died before recording anything', async () => {
    const body = { id: 'reading-carers-lead', title: 'Carers Lead', organisationId: COUNCIL };
    const key = 'create-carers-lead';
    // The claim the first attempt left, as the interceptor makes it: the request's hash, no answer, lapsed.
    const requestHash = createHash('sha256').update(`POST /v1/posts\n${canonicalize(body)}`).digest('hex');
    await api().database.query(`INSERT INTO ledger_idempotency (principal, key, request_hash, claimed_until) VALUES ($1, $2, $3, now())`, [
      'clerk:reading-democratic-services',
      key,
      requestHash,
    ]);
    const before = await api().eventCount();
    const retry = await post('/v1/posts', body, key);
    expect({ status: retry.status, id: retry.json().id }).toEqual({ status: 201, id: body.id });
    expect(await api().eventCount()).toBe(before + 1);
    expectSameAnswer(await post('/v1/posts', body, key), retry);
  });
});
