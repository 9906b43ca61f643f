import { randomUUID } from 'node:crypto';
import { canonicalEvent, chainHash, logPosition, migrate, SqlEventStore, type Database, type LogPosition, type NewEvent } from '@ledger/event-store';
import {
  exportLedger,
  ExportVerifier,
  keepSealing,
  LedgerCheckpoints,
  LogIntegrityError,
  SealedLog,
  Sealer,
  type ExportLine,
  type VerificationReport,
} from '@ledger/verifiable-log';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wirral' } });

interface EventRow {
  stream_id: string;
  stream_version: number;
  transaction_id: string;
  position: string;
  body: string;
  hash: string;
}

/**
 * Someone with write access to the database forges the log after it was sealed and signed. Each
 * forgery must be caught: by the sealer (which then stops), by reading the sealed log back (what
 * the projector, a rebuild and the raw-log read do), and by verifying an export with the key and
 * checkpoint an auditor kept.
 */
describeOnEveryDatabase('forgeries of the sealed log', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let store: SqlEventStore;
  let sealer: Sealer;
  let checkpoints: LedgerCheckpoints;
  let keptKey: string;
  let keptCheckpoint: string;

  beforeEach(async () => {
    ({ database, dispose } = await open());
    await migrate(database);
    store = new SqlEventStore(database);
    sealer = new Sealer(database, store);
    checkpoints = await LedgerCheckpoints.open(database, { name: 'decision-ledger.test/wirral' });
    keptKey = checkpoints.verifierKey;
    await store.append('organisation-wirral-council', [event('OrganisationRegistered', { organisationId: 'wirral-council' })], { expectedVersion: 'no-stream' });
    await store.append('proposal-wirral-jscb', [event('ProposalTabled', { proposalId: 'wirral-jscb' })], { expectedVersion: 'no-stream' });
    await store.append('proposal-wirral-jscb', [event('RatificationRecorded', { proposalId: 'wirral-jscb', outcome: 'approved', decidedOn: '2017-05-15T23:00:00.000Z' })], { expectedVersion: 1 });
    await store.append('organisation-wirral-council', [event('GoverningBodyDesignated', { bodyId: 'wirral-cabinet' })], { expectedVersion: 1 });
    await sealer.catchUp();
    keptCheckpoint = (await checkpoints.issue())!.note;
  });
  afterEach(async () => dispose());

  const rows = () =>
    database.query<EventRow>(
      "SELECT e.stream_id, e.stream_version, e.transaction_id::text AS transaction_id, e.position::text AS position, e.body, encode(e.hash, 'hex') AS hash FROM ledger_events e ORDER BY e.transaction_id, e.position",
    );

  /** Inserts an event row as a forger would, at a transaction id and position of their choosing. */
  async function insertRow(streamId: string, version: number, transactionId: string, position: string, hashOf: (body: string) => string) {
    const forged = event('RatificationRecorded', { proposalId: 'wirral-jscb', outcome: 'approved', forged: true });
    const { body } = canonicalEvent(streamId, forged, 0, new Date().toISOString());
    await database.query(
      `INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, actor, recorded_at, body, hash)
       VALUES ($1, $2, $3::bigint, $4::text::xid8, $5, 'RatificationRecorded', 1, 'clerk:forger', now(), $6, decode($7, 'hex'))`,
      [streamId, version, position, transactionId, forged.eventId, body, hashOf(body)],
    );
  }

  /** A position behind the seal: after the first sealed event's, in the same transaction, before the second's. */
  async function behindTheSeal(): Promise<{ transactionId: string; position: string }> {
    const [first] = await rows();
    return { transactionId: first.transaction_id, position: String(BigInt(first.position) + 1_000_000n) };
  }

  /** Alters a sealed approval of wirral-jscb in the store into a rejection, with its stream hash recomputed so the chain still holds. */
  async function approvalAlteredToRejection(version: number): Promise<void> {
    const [ratification] = await database.query<{ body: string }>("SELECT body FROM ledger_events WHERE stream_id = 'proposal-wirral-jscb' AND stream_version = $1", [version]);
    const [previous] = await database.query<{ hash: string }>("SELECT encode(hash, 'hex') AS hash FROM ledger_events WHERE stream_id = 'proposal-wirral-jscb' AND stream_version = $1", [version - 1]);
    const altered = ratification.body.replace('"approved"', '"rejected"');
    const hash = chainHash(previous.hash, version, altered);
    await database.query("UPDATE ledger_events SET body = $1, hash = decode($2, 'hex') WHERE stream_id = 'proposal-wirral-jscb' AND stream_version = $3", [altered, hash, version]);
    await database.query("UPDATE ledger_streams SET last_hash = decode($1, 'hex') WHERE stream_id = 'proposal-wirral-jscb'", [hash]);
  }

  async function exportAndVerify(): Promise<VerificationReport> {
    const verifier = new ExportVerifier({ verifierKey: keptKey, checkpointNote: keptCheckpoint });
    for await (const line of exportLedger(database, store, checkpoints)) if (!verifier.accept(JSON.stringify(line as ExportLine))) break;
    return verifier.finish();
  }

  const readBack = () => new SealedLog(database, store).audit();

  it('verifies, reads back and passes the sealer’s check while nobody has forged anything (the baseline each case departs from)', async () => {
    expect(await exportAndVerify()).toMatchObject({ valid: true, leaves: 4 });
    expect(await readBack()).toBe(4);
    await expect(sealer.checkNothingAddedOrRemoved()).resolves.toBeUndefined();
  });

  it('catches an event inserted behind the seal (an old transaction id, any hash)', async () => {
    const { transactionId, position } = await behindTheSeal();
    await insertRow('proposal-forged', 1, transactionId, position, () => 'ab'.repeat(32));

    await expect(sealer.checkNothingAddedOrRemoved()).rejects.toThrow(/holds 5 events up to log position .*, but only 4 were sealed there: 1 added behind the seal/);
    await expect(readBack()).rejects.toThrow(new RegExp(`event the seal does not include, behind the seal: proposal-forged v1 \\(RatificationRecorded\\) at log position ${transactionId}:${position}`));
    const report = await exportAndVerify();
    expect(report.valid).toBe(false);
    expect(report.failure!.reason).toMatch(/RatificationRecorded of proposal-forged at log position .* that the seal does not include: it was added behind the seal/);
  });

  it('stops the sealing loop on an event inserted behind the seal, instead of signing over it', async () => {
    const { transactionId, position } = await behindTheSeal();
    await insertRow('proposal-forged', 1, transactionId, position, () => 'ab'.repeat(32));
    await store.append('proposal-wirral-jscb', [event('CallInLodged', { proposalId: 'wirral-jscb' })], { expectedVersion: 2 });
    await expect(keepSealing(sealer, checkpoints, { intervalMs: 0, signal: new AbortController().signal })).rejects.toThrow(LogIntegrityError);
    expect((await checkpoints.latest())!.treeSize).toBe(4);
  });

  it('refuses to seal an event at the head whose stream hash chain is broken, sealing nothing of its batch', async () => {
    await store.append('proposal-wirral-jscb', [event('CallInLodged', { proposalId: 'wirral-jscb' })], { expectedVersion: 2 });
    const [head] = await database.query<{ transaction_id: string }>("SELECT pg_current_xact_id()::text AS transaction_id");
    await insertRow('proposal-wirral-jscb', 4, head.transaction_id, '999999999', () => 'cd'.repeat(32));

    await expect(sealer.sealBatch()).rejects.toThrow(/Refusing to seal proposal-wirral-jscb v4 at log position .*: its hash does not follow .*hash chain is broken/);
    expect((await sealer.head()).nextLeaf).toBe(4); // not even the good event before it in the batch was sealed
    // The projector's reading: what is sealed is passed on, then the refusal stops it.
    const projectorsLog = new SealedLog(database, store, sealer);
    const sealed = await projectorsLog.readLog({ limit: 100 });
    expect(sealed).toHaveLength(4);
    await expect(projectorsLog.readLog({ after: sealed[3].position, limit: 100 })).rejects.toThrow(LogIntegrityError);
  });

  it('refuses to seal an event that skips a version of its stream (one before it removed before sealing)', async () => {
    const [head] = await database.query<{ transaction_id: string }>("SELECT pg_current_xact_id()::text AS transaction_id");
    const [sealedHead] = await database.query<{ hash: string }>("SELECT encode(hash, 'hex') AS hash FROM ledger_sealed_streams WHERE stream_id = 'proposal-wirral-jscb'");
    await insertRow('proposal-wirral-jscb', 4, head.transaction_id, '999999999', (body) => chainHash(sealedHead.hash, 4, body));
    await expect(sealer.sealBatch()).rejects.toThrow(/Refusing to seal proposal-wirral-jscb v4 .*: version 3 of proposal-wirral-jscb was due \(a version before it is missing\)/);
  });

  it('catches an event appended with a valid chain through the event store’s own append, then moved behind the seal', async () => {
    const forged: NewEvent = { ...event('RatificationRecorded', { proposalId: 'wirral-jscb', outcome: 'approved' }), metadata: { actor: 'clerk:forger' } };
    await store.append('proposal-wirral-jscb', [forged], { expectedVersion: 2 });
    expect(await store.verifyStream('proposal-wirral-jscb')).toMatchObject({ valid: true, events: 3 }); // its chain is valid
    const { transactionId, position } = await behindTheSeal();
    await database.query('UPDATE ledger_events SET transaction_id = $1::text::xid8, position = $2 WHERE event_id = $3', [transactionId, position, forged.eventId]);

    await expect(sealer.checkNothingAddedOrRemoved()).rejects.toThrow(/1 added behind the seal/);
    await expect(readBack()).rejects.toThrow(/the seal does not include, behind the seal: proposal-wirral-jscb v3 \(RatificationRecorded\)/);
    expect((await exportAndVerify()).failure!.reason).toMatch(/RatificationRecorded of proposal-wirral-jscb .* added behind the seal/);
  });

  it('catches a sealed event deleted', async () => {
    await database.query("DELETE FROM ledger_events WHERE stream_id = 'proposal-wirral-jscb' AND stream_version = 2");

    await expect(sealer.checkNothingAddedOrRemoved()).rejects.toThrow(/holds 3 events .* but 4 were sealed there: 1 sealed removed/);
    await expect(readBack()).rejects.toThrow(/The sealed event of leaf 2 \(log position .*\) is no longer in the event store/);
    expect((await exportAndVerify()).failure).toMatchObject({ leafIndex: 2, reason: expect.stringMatching(/proposal-wirral-jscb v2 at .* is no longer in the store/) });
  });

  it('catches a sealed event altered, even with its stream hash recomputed so the stream chain still holds', async () => {
    await approvalAlteredToRejection(2);
    expect(await store.verifyStream('proposal-wirral-jscb')).toMatchObject({ valid: true });

    await expect(sealer.checkNothingAddedOrRemoved()).resolves.toBeUndefined(); // a count cannot see it; reading back does
    await expect(readBack()).rejects.toThrow(/The event at log position .* \(proposal-wirral-jscb v2\) is not the event sealed as leaf 2 .*: it was altered or moved after it was sealed/);
    expect((await exportAndVerify()).failure).toMatchObject({ leafIndex: 2, reason: expect.stringMatching(/has been altered in the store since it was sealed/) });
  });

  describe('one stream read as far as the read models stand (a proposal’s history)', () => {
    /** The position of the log's last event. */
    const head = async () => {
      const last = (await rows()).at(-1)!;
      return logPosition(last.transaction_id, last.position);
    };
    const history = async (through?: LogPosition) => new SealedLog(database, store).readStreamThrough('proposal-wirral-jscb', { through: through ?? (await head()) });

    it('reads the stream’s sealed events, as far as the position given and no further', async () => {
      expect((await history()).map((read) => [read.type, read.streamVersion])).toEqual([
        ['ProposalTabled', 1],
        ['RatificationRecorded', 2],
      ]);
      const tabled = (await store.readStream('proposal-wirral-jscb'))[0];
      expect((await history(tabled.position)).map((read) => read.streamVersion)).toEqual([1]);
    });

    it('ends before an event not sealed yet, which no read model that takes the sealed log holds either', async () => {
      await store.append('proposal-wirral-jscb', [event('CallInLodged', { proposalId: 'wirral-jscb' })], { expectedVersion: 2 });
      expect((await history()).map((read) => read.streamVersion)).toEqual([1, 2]);
      await sealer.catchUp();
      expect((await history()).map((read) => read.streamVersion)).toEqual([1, 2, 3]);
    });

    it('catches an event of the stream moved behind the seal', async () => {
      const forged: NewEvent = { ...event('RatificationRecorded', { proposalId: 'wirral-jscb', outcome: 'approved' }), metadata: { actor: 'clerk:forger' } };
      await store.append('proposal-wirral-jscb', [forged], { expectedVersion: 2 });
      const { transactionId, position } = await behindTheSeal();
      await database.query('UPDATE ledger_events SET transaction_id = $1::text::xid8, position = $2 WHERE event_id = $3', [transactionId, position, forged.eventId]);
      await expect(history()).rejects.toThrow(/the seal does not include, behind the seal: proposal-wirral-jscb v3 \(RatificationRecorded\)/);
    });

    it('catches a sealed event of the stream altered, its stream hash recomputed', async () => {
      await approvalAlteredToRejection(2);
      await expect(history()).rejects.toThrow(/\(proposal-wirral-jscb v2\) is not the event sealed as leaf 2 .*: it was altered or moved after it was sealed/);
    });

    it('catches a sealed event of the stream deleted', async () => {
      await database.query("DELETE FROM ledger_events WHERE stream_id = 'proposal-wirral-jscb' AND stream_version = 1");
      await expect(history()).rejects.toThrow(/no longer holds proposal-wirral-jscb v1: the stream goes on at v2 .* It was removed after it was sealed/);
    });
  });

  it('passes on what its own sealer has just sealed as it sealed it: an event altered since reaches no reader as altered', async () => {
    // The API's projector reads through a sealed log that shares the sealing loop's sealer.
    const own = new Sealer(database, store);
    const reading = new SealedLog(database, store, own).passingOnSealed();
    const [, , , last] = await rows();
    const sealedAfter = logPosition(last.transaction_id, last.position);
    await store.append('proposal-wirral-jscb', [event('RatificationRecorded', { proposalId: 'wirral-jscb', outcome: 'approved', decidedOn: '2017-06-12T23:00:00.000Z' })], { expectedVersion: 2 });
    expect(await own.sealBatch()).toBe(1);
    const [sealed] = await store.readLog({ after: sealedAfter });
    await approvalAlteredToRejection(3);

    const passedOn = await reading.readLog({ after: sealedAfter, limit: 10 });
    expect(passedOn).toEqual([sealed]);
    expect(passedOn[0].data).toMatchObject({ outcome: 'approved' });
    // Any other reader reads the store and meets the forgery, one that shares the sealer too.
    await expect(new SealedLog(database, store, own).readLog({ after: sealedAfter, limit: 10 })).rejects.toThrow(LogIntegrityError);
    await expect(new SealedLog(database, store).readLog({ after: sealedAfter, limit: 10 })).rejects.toThrow(/\(proposal-wirral-jscb v3\) is not the event sealed as leaf 4 .*: it was altered or moved after it was sealed/);
    await expect(readBack()).rejects.toThrow(LogIntegrityError);
  });

  it('catches two sealed events swapped in the log', async () => {
    const [, second, third] = await rows();
    const swap = async (from: EventRow, to: { transaction_id: string; position: string }) =>
      database.query('UPDATE ledger_events SET transaction_id = $1::text::xid8, position = $2 WHERE stream_id = $3 AND stream_version = $4', [
        to.transaction_id,
        to.position,
        from.stream_id,
        from.stream_version,
      ]);
    await swap(second, { transaction_id: second.transaction_id, position: '-1' }); // out of the way first: the order is unique
    await swap(third, second);
    await swap({ ...second }, third);

    await expect(readBack()).rejects.toThrow(/is not the event sealed as leaf 1 .*altered or moved/);
    expect((await exportAndVerify()).failure).toMatchObject({ leafIndex: 1, reason: expect.stringMatching(/altered in the store since it was sealed/) });
  });
});
