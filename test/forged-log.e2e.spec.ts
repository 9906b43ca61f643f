import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { canonicalEvent, EVENT_STORE, type EventStore } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels, ReadModelGenerations } from '@ledger/read-models';
import { LogIntegrityError, SealedLog } from '@ledger/verifiable-log';
import { describeWithFreshApis, type LedgerApi } from './ledger-api.js';

const run = promisify(execFile);

/** `ledger verify --url … --key …` as an auditor runs it against the running ledger. */
async function verifyOnline(api: LedgerApi, key: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['bin/ledger.js', 'verify', '--url', api.baseUrl, '--key', key]);
    return { code: 0, stdout };
  } catch (error) {
    return { code: (error as { code: number }).code, stdout: (error as { stdout: string }).stdout };
  }
}

/** Asks until `/health/ready` answers 503 with `check` down (any check, when none is named), then answers its checks. */
async function notReady(api: LedgerApi, check?: string): Promise<{ checks: Record<string, { status: string; message?: string }> }> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const answer = await api.get('/health/ready', { key: null });
    if (answer.status === 503 && (check === undefined || answer.json().checks[check]?.status === 'down')) return answer.json();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`/health/ready never said ${check ?? 'the ledger'} was not ready`);
}

/** Inserts an event row as someone with write access to the database would: at `transaction`:`position`, with `hash`. */
async function forge(api: LedgerApi, streamId: string, version: number, at: { transactionId: string; position: string } | 'now', hash: string): Promise<void> {
  const forged = { eventId: randomUUID(), type: 'OrganisationRegistered', schemaVersion: 1, data: { organisationId: 'forged-council', name: 'Forged Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '2000-03-31T23:00:00.000Z' }, metadata: { actor: 'clerk:forger' } };
  const { body } = canonicalEvent(streamId, forged, 0, new Date().toISOString());
  const [transactionId, position] = at === 'now' ? ['pg_current_xact_id()', "nextval('ledger_event_position')"] : ['$6::text::xid8', '$7::bigint'];
  await api.database.query(
    `INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, actor, recorded_at, body, hash)
     VALUES ($1, $2, ${position}, ${transactionId}, $3, 'OrganisationRegistered', 1, 'clerk:forger', now(), $4, decode($5, 'hex'))`,
    [streamId, version, forged.eventId, body, hash, ...(at === 'now' ? [] : [at.transactionId, at.position])],
  );
}

describeWithFreshApis('a forged log, as the running ledger meets it', (start) => {
  let api: LedgerApi;
  let auditor: string;

  beforeEach(async () => {
    api = await start({ LEDGER_CHECKPOINT_INTERVAL: '1' });
    auditor = await api.keyFor('auditor', 'grant-thornton');
    const registered = await api.post('/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' });
    expect(registered.status).toBe(201);
    const post = await api.post('/v1/posts', { id: 'wirral-director-of-care', title: 'Director for Health and Care', organisationId: 'wirral-council' });
    expect(post.status).toBe(201);
    expect((await api.post('/v1/ledger/checkpoints', {}, { key: auditor })).status).toBe(201);
  });
  afterEach(async () => api.stopAfterFailure());

  it('an event inserted behind the seal stops the sealer, /health/ready says why, and neither /v1/events, a rebuild nor ledger verify passes it', async () => {
    const [first] = await api.database.query<{ transaction_id: string; position: string }>(
      'SELECT e.transaction_id::text AS transaction_id, e.position::text AS position FROM ledger_events e ORDER BY e.transaction_id, e.position LIMIT 1',
    );
    const behind = { transactionId: first.transaction_id, position: String(BigInt(first.position) + 1_000_000n) };
    await forge(api, 'organisation-forged-council', 1, behind, 'ab'.repeat(32));

    // The projector may meet the forgery first, reading what it had not yet projected; the sealer meets it before its next checkpoint.
    const { checks } = await notReady(api, 'sealer');
    expect(checks.sealer).toEqual({ status: 'down', message: expect.stringMatching(/holds 4 events up to log position .*, but only 3 were sealed there: 1 added behind the seal/) });

    const events = await api.get('/v1/events', { key: auditor });
    expect(events.status).toBe(500);
    expect(events.json()).toMatchObject({ code: 'log_integrity', detail: expect.stringContaining(`organisation-forged-council v1 (OrganisationRegistered) at log position ${behind.transactionId}:${behind.position}`) });

    const generations = new ReadModelGenerations(api.database);
    const active = await generations.activeName();
    const store = api.app.get<EventStore>(EVENT_STORE);
    await expect(rebuildReadModels(SealedLog.sealing(api.database, store), api.database, READ_MODEL_PROJECTIONS)).rejects.toThrow(LogIntegrityError);
    expect(await generations.activeName()).toBe(active);
    expect((await api.get('/v1/organisations/forged-council', { key: null })).status).toBe(404);

    const verified = await verifyOnline(api, auditor);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/NOT VERIFIED at leaf 1 .*: the event store holds OrganisationRegistered of organisation-forged-council at log position .* that the seal does not include: it was added behind the seal/);
  });

  it('a sealed ratification altered in the store is refused by the proposal’s history, which reads the proposal’s own stream through the seal', async () => {
    expect((await api.post('/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' })).status).toBe(201);
    const route = [{ organisationId: 'wirral-council', bodyId: 'wirral-cabinet', requirement: 'approve' }];
    expect((await api.post('/v1/proposals', { id: 'wirral-jscb', title: 'Joint Strategic Commissioning Board', scopes: ['adult-social-care'], keyDecision: true, proposedById: 'wirral-cabinet', route, tabledOn: '2017-11-20' })).status).toBe(201);
    const ratified = await api.post('/v1/proposals/wirral-jscb/ratifications', { ratificationId: 'wirral-cabinet-2017-11-27', deciderId: 'wirral-cabinet', version: 1, outcome: 'approved', decidedOn: '2017-11-27' });
    expect(ratified.status).toBe(201);
    const history = () => api.get(`/v1/proposals/wirral-jscb/history?minPosition=${ratified.json().position}`, { key: auditor });
    expect((await history()).json().items.map((entry: { type: string }) => entry.type)).toEqual(['ProposalTabled', 'RatificationRecorded', 'ProposalRatified']);

    await api.database.query("UPDATE ledger_events SET body = replace(body, '\"approved\"', '\"rejected\"') WHERE stream_id = 'proposal-wirral-jscb' AND stream_version = 2");
    const refused = await history();
    expect(refused.status).toBe(500);
    expect(refused.json()).toMatchObject({ code: 'log_integrity', detail: expect.stringMatching(/\(proposal-wirral-jscb v2\) is not the event sealed as leaf \d+ .*: it was altered or moved after it was sealed/) });
  });

  it('an event at the head with a broken hash chain is neither sealed nor projected, and /health/ready says why', async () => {
    await forge(api, 'organisation-wirral-council', 2, 'now', 'cd'.repeat(32));

    const { checks } = await notReady(api);
    const why = /Refusing to seal organisation-wirral-council v2 at log position .*: its hash does not follow .*hash chain is broken/;
    expect([checks.sealer?.message, checks.projector?.message]).toContainEqual(expect.stringMatching(why));
    const trail = (await api.get('/v1/audit?streamId=organisation-wirral-council', { key: auditor })).json();
    expect(trail.items.map((row: { streamVersion: number }) => row.streamVersion)).toEqual([1]);
    const [sealed] = await api.database.query<{ next_leaf: string }>('SELECT next_leaf::text AS next_leaf FROM ledger_seal');
    expect(Number(sealed.next_leaf)).toBe(3); // the auditor key's issue, the organisation and the post
  });
});
