import { randomUUID } from 'node:crypto';
import { canonicalEvent, chainHash, GENESIS_HASH, migrate, SqlEventStore, type Database, type NewEvent } from '@ledger/event-store';
import {
  CHAIN_START,
  chainAfter,
  LedgerCheckpoints,
  leafBytes,
  openCheckpoint,
  Sealer,
  sealedLeafHash,
  verifyConsistency,
  verifyInclusion,
} from '@ledger/verifiable-log';
import { describeOnEveryDatabase, describeWithPostgres, openTestSchema } from '../../../test/postgres.js';

const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wirral' } });

describeOnEveryDatabase('the sealed log', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let store: SqlEventStore;
  let sealer: Sealer;
  let checkpoints: LedgerCheckpoints;

  beforeEach(async () => {
    ({ database, dispose } = await open());
    await migrate(database);
    store = new SqlEventStore(database);
    sealer = new Sealer(database, store, 3);
    checkpoints = await LedgerCheckpoints.open(database, { name: 'decision-ledger.test/wirral' });
    await store.append('organisation-wirral-council', [event('OrganisationRegistered', { organisationId: 'wirral-council' })], { expectedVersion: 'no-stream' });
    await store.append('proposal-wirral-jscb', [event('ProposalTabled', { proposalId: 'wirral-jscb' }), event('RatificationRecorded', { proposalId: 'wirral-jscb', outcome: 'approved' })], { expectedVersion: 'no-stream' });
    await store.append('organisation-wirral-council', [event('GoverningBodyDesignated', { bodyId: 'wirral-cabinet' })], { expectedVersion: 1 });
  });
  afterEach(async () => dispose());

  it('gives every committed event the next leaf index, in log order, keeping the bytes it hashed and the running chain', async () => {
    expect(await sealer.catchUp()).toBe(4);
    const log = await store.readLog({ limit: 100 });
    const leaves = await database.query<{ leaf_index: string; bytes: string; leaf_hash: string; chain_hash: string }>(
      "SELECT l.leaf_index::text AS leaf_index, l.bytes, encode(l.leaf_hash, 'hex') AS leaf_hash, encode(l.chain_hash, 'hex') AS chain_hash FROM ledger_leaves l ORDER BY l.leaf_index",
    );
    expect(leaves.map((leaf) => Number(leaf.leaf_index))).toEqual([0, 1, 2, 3]);
    let chain = CHAIN_START;
    for (const [index, leaf] of leaves.entries()) {
      const [stored] = await database.query<{ body: string; hash: string; stream_version: number }>(
        "SELECT body, encode(hash, 'hex') AS hash, stream_version FROM ledger_events WHERE stream_id = $1 AND stream_version = $2",
        [log[index].streamId, log[index].streamVersion],
      );
      expect(leaf.bytes).toBe(leafBytes({ body: stored.body, hash: stored.hash, position: log[index].position, streamVersion: stored.stream_version }));
      expect(leaf.leaf_hash).toBe(sealedLeafHash(leaf.bytes).toString('hex'));
      chain = chainAfter(chain, sealedLeafHash(leaf.bytes));
      expect(leaf.chain_hash).toBe(chain.toString('hex'));
    }
    expect(await sealer.sealBatch()).toBe(0);
  });

  it('seals one batch at a time: a batch asked for while one is sealing reads the log after it, instead of racing it for the same events', async () => {
    // The API's sealing loop and its projector's sealed log share one sealer, and may both ask at once.
    const readsAfter: string[] = [];
    const recording = new (class extends SqlEventStore {
      override readLog(options: Parameters<SqlEventStore['readLog']>[0] = {}) {
        readsAfter.push(String(options.after));
        return super.readLog(options);
      }
    })(database);
    const shared = new Sealer(database, recording, 3);
    await Promise.all([1, 2, 3].map(() => database.query('SELECT 1'))); // on PostgreSQL, each with a connection at hand, as under load
    expect(await Promise.all([shared.sealBatch(), shared.sealBatch()])).toEqual([3, 1]);
    const log = await store.readLog({ limit: 100 });
    expect(readsAfter).toHaveLength(2);
    expect(readsAfter[1]).toBe(log[2].position);
    expect(await shared.sealBatch()).toBe(0);
  });

  it('seals in the order of transaction ids as numbers, when they gain a digit (9 before 10), each event once', async () => {
    for (const transaction of [10, 9]) {
      const imported = event('Imported', { transaction });
      const recordedAt = new Date().toISOString();
      const { body } = canonicalEvent(`imported-${transaction}`, imported, 0, recordedAt);
      await database.query(
        `INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, recorded_at, body, hash)
         VALUES ($1, 1, nextval('ledger_event_position'), $2::text::xid8, $3, 'Imported', 1, $4, $5, decode($6, 'hex'))`,
        [`imported-${transaction}`, String(transaction), imported.eventId, recordedAt, body, chainHash(GENESIS_HASH, 1, body)],
      );
    }
    const oneByOne = new Sealer(database, store, 1);
    expect(await oneByOne.catchUp()).toBe(6);
    const leaves = await database.query<{ transaction_id: string }>('SELECT transaction_id::text AS transaction_id FROM ledger_leaves ORDER BY leaf_index');
    expect(leaves.slice(0, 2).map((leaf) => leaf.transaction_id)).toEqual(['9', '10']);
    expect(await oneByOne.sealBatch()).toBe(0);
  });

  it('signs a checkpoint an auditor opens with the verifier key, and proves each event included in it', async () => {
    await sealer.catchUp();
    const checkpoint = (await checkpoints.issue())!;
    expect(checkpoint.treeSize).toBe(4);
    expect(openCheckpoint(checkpoint.note, checkpoints.verifierKey)).toEqual({ origin: 'decision-ledger.test/wirral', treeSize: 4, rootHash: checkpoint.rootHash });
    expect(await checkpoints.issue()).toEqual(checkpoint); // nothing new sealed: no new checkpoint
    for (const stored of await store.readLog({ limit: 100 })) {
      const proof = await checkpoints.inclusion(stored.position, checkpoint.treeSize);
      expect(verifyInclusion(proof.leafHash, proof.leafIndex, 4, proof.proof, checkpoint.rootHash)).toBe(true);
    }
  });

  it('proves each later checkpoint consistent with the one before', async () => {
    await sealer.catchUp();
    const first = (await checkpoints.issue())!;
    await store.append('proposal-wirral-jscb', [event('CallInLodged', { proposalId: 'wirral-jscb' })], { expectedVersion: 2 });
    await sealer.sealCommitted(); // not catchUp: a transaction another test holds open on the cluster would keep the new event from the sealer's reads
    const second = (await checkpoints.issue())!;
    expect(second.treeSize).toBe(5);
    const proof = await checkpoints.consistency(first.treeSize, second.treeSize);
    expect(verifyConsistency(first.treeSize, second.treeSize, proof.proof, first.rootHash, second.rootHash)).toBe(true);
    expect((await checkpoints.all()).map((checkpoint) => checkpoint.treeSize)).toEqual([4, 5]);
  });

  it('serves the largest checkpoint as the latest when sizes gain a digit (12 after 9)', async () => {
    for (let index = 0; index < 5; index++) await store.append(`proposal-wirral-${index}`, [event('ProposalTabled', { index })], { expectedVersion: 'no-stream' });
    await sealer.sealCommitted();
    expect((await checkpoints.issue())!.treeSize).toBe(9);
    for (let index = 5; index < 8; index++) await store.append(`proposal-wirral-${index}`, [event('ProposalTabled', { index })], { expectedVersion: 'no-stream' });
    await sealer.sealCommitted();
    expect((await checkpoints.issue())!.treeSize).toBe(12);
    expect((await checkpoints.latest())!.treeSize).toBe(12);
    expect((await checkpoints.all()).map((checkpoint) => checkpoint.treeSize)).toEqual([9, 12]);
  });

  it('signs with Ed25519 only', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(LedgerCheckpoints.open(database, { name: 'decision-ledger.test/wirral', privateKeyPem: pem })).rejects.toThrow('LEDGER_SIGNING_KEY must be an Ed25519 private key, not ec.');
  });

  it('proves a new checkpoint extends the last from the leaves sealed since, or from every leaf for a checkpoint kept without its range', async () => {
    await sealer.catchUp();
    await checkpoints.issue();
    const [{ compact_range: range }] = await database.query<{ compact_range: string[] }>('SELECT compact_range FROM ledger_checkpoints');
    expect(range).toHaveLength(1); // 4 leaves: one perfect subtree
    await store.append('proposal-wirral-jscb', [event('CallInLodged', { proposalId: 'wirral-jscb' })], { expectedVersion: 2 });
    await sealer.sealCommitted();
    expect((await checkpoints.issue())!.treeSize).toBe(5);
    await database.query('UPDATE ledger_checkpoints SET compact_range = NULL');
    await store.append('proposal-wirral-jscb', [event('CallInResolved', { proposalId: 'wirral-jscb' })], { expectedVersion: 3 });
    await sealer.sealCommitted();
    expect((await checkpoints.issue())!.treeSize).toBe(6);
  });

  it('keeps one signing key: a second opening signs with the same one', async () => {
    const again = await LedgerCheckpoints.open(database, { name: 'another-name' });
    expect(again.verifierKey).toBe(checkpoints.verifierKey);
  });

  it('refuses to change or remove a leaf', async () => {
    await sealer.catchUp();
    await expect(database.query("UPDATE ledger_leaves SET bytes = '{}' WHERE leaf_index = 1")).rejects.toThrow(/append-only/);
    await expect(database.query('DELETE FROM ledger_leaves WHERE leaf_index = 3')).rejects.toThrow(/append-only/);
  });

  it('refuses to sign a checkpoint that does not extend the last one', async () => {
    await sealer.catchUp();
    await checkpoints.issue();
    await store.append('proposal-wirral-jscb', [event('CallInLodged', { proposalId: 'wirral-jscb' })], { expectedVersion: 2 });
    await sealer.sealCommitted();
    // The last signed root tampered with: the next tree cannot be shown to extend it.
    await database.query("UPDATE ledger_checkpoints SET root_hash = decode(repeat('ab', 32), 'hex')");
    await expect(checkpoints.issue()).rejects.toThrow(/Refusing to sign/);
  });
});

describeWithPostgres('sealing what is committed now, on PostgreSQL', (url) => {
  it('waits out a transaction open elsewhere that holds a committed event back, then seals it', async () => {
    const subject = await openTestSchema(url);
    try {
      await migrate(subject.database);
      const store = new SqlEventStore(subject.database);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const holding = new Promise<void>((resolve) => (started = resolve));
      // An older transaction takes its xid first and stays open; a later one commits meanwhile.
      const open = subject.database.transaction(async (session) => {
        await session.query('SELECT pg_current_xact_id()');
        started();
        await held;
      });
      await holding;
      await store.append('organisation-wirral-council', [event('OrganisationRegistered', { organisationId: 'wirral-council' })], { expectedVersion: 'no-stream' });
      const sealer = new Sealer(subject.database, store);
      expect(await sealer.catchUp()).toBe(0); // held back behind the open transaction
      const sealing = sealer.sealCommitted();
      setTimeout(release, 200);
      await sealing;
      await open;
      expect((await sealer.head()).nextLeaf).toBe(1);
    } finally {
      await subject.dispose();
    }
  });
});
