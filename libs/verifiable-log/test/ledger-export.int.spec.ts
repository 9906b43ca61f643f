import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { migrate, SqlEventStore, type Database, type NewEvent } from '@ledger/event-store';
import {
  chainAfter,
  CHAIN_START,
  exportLedger,
  ExportVerifier,
  LedgerCheckpoints,
  leafBytes,
  rawPublicKey,
  Sealer,
  sealedLeafHash,
  signCheckpoint,
  verifierKey,
  type ExportLeaf,
  type ExportLine,
  type TrustAnchors,
} from '@ledger/verifiable-log';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wirral' } });

function verify(lines: readonly ExportLine[], anchors: TrustAnchors = {}) {
  const verifier = new ExportVerifier(anchors);
  for (const line of lines) if (!verifier.accept(JSON.stringify(line))) break;
  return verifier.finish();
}

const leavesOf = (lines: readonly ExportLine[]) => lines.filter((line): line is ExportLeaf => line.kind === 'leaf');

describeOnEveryDatabase('exporting and verifying the sealed log', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let checkpoints: LedgerCheckpoints;
  let lines: ExportLine[];
  let keptKey: string;
  let store: SqlEventStore;

  beforeEach(async () => {
    ({ database, dispose } = await open());
    await migrate(database);
    store = new SqlEventStore(database);
    const sealer = new Sealer(database, store);
    checkpoints = await LedgerCheckpoints.open(database, { name: 'decision-ledger.test/wirral' });
    keptKey = checkpoints.verifierKey;
    await store.append('organisation-wirral-council', [event('OrganisationRegistered', { organisationId: 'wirral-council', name: 'Wirral Council' })], { expectedVersion: 'no-stream' });
    await store.append('proposal-wirral-jscb', [event('ProposalTabled', { proposalId: 'wirral-jscb' }), event('RatificationRecorded', { proposalId: 'wirral-jscb', outcome: 'approved' })], { expectedVersion: 'no-stream' });
    // The sealer seals what no open transaction of the cluster can still precede: another test run on
    // the same server may hold it back a moment, so it is asked again until the leaves are in.
    let sealed = 0;
    const sealUpTo = async (leaves: number) => {
      for (let attempt = 0; sealed < leaves && attempt < 200; attempt++) {
        sealed += await sealer.catchUp();
        if (sealed < leaves) await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await sealUpTo(3);
    await checkpoints.issue(); // 3 leaves
    await store.append('organisation-wirral-council', [event('GoverningBodyDesignated', { bodyId: 'wirral-cabinet' })], { expectedVersion: 1 });
    await store.append('proposal-wirral-jscb', [event('CallInLodged', { proposalId: 'wirral-jscb' })], { expectedVersion: 2 });
    await sealUpTo(5);
    await checkpoints.issue(); // 5 leaves
    lines = [];
    for await (const line of exportLedger(database, store, checkpoints)) lines.push(line);
  });
  afterEach(async () => dispose());

  it('exports the header, both checkpoints and every leaf, and verifies with the key the auditor kept', async () => {
    expect(lines.map((line) => line.kind)).toEqual(['ledger-export', 'checkpoint', 'checkpoint', 'leaf', 'leaf', 'leaf', 'leaf', 'leaf']);
    expect(verify(lines, { verifierKey: keptKey })).toEqual({ valid: true, leaves: 5, checkpoints: 2, failure: null, notes: [] });
  });

  it('says when it had only the export’s own key to go on', async () => {
    expect(verify(lines).notes).toEqual([expect.stringMatching(/key in the export itself/)]);
  });

  it('names the leaf whose bytes were changed', async () => {
    const changed = lines.map((line) => (line.kind === 'leaf' && line.leafIndex === 2 ? { ...line, bytes: line.bytes.replace('approved', 'rejected') } : line));
    expect(verify(changed, { verifierKey: keptKey }).failure).toMatchObject({ leafIndex: 2, reason: expect.stringMatching(/^leaf 2: its hash does not match its bytes/) });
  });

  it('names the gap where an event was removed', async () => {
    const removed = lines.filter((line) => !(line.kind === 'leaf' && line.leafIndex === 1));
    expect(verify(removed, { verifierKey: keptKey }).failure).toMatchObject({ leafIndex: 1, reason: 'leaf 1: missing: the next leaf is 2' });
  });

  it('catches two events swapped, even with their indexes swapped back', async () => {
    const [a, b] = [leavesOf(lines)[1], leavesOf(lines)[2]];
    const swapped = lines.map((line) => (line === a ? { ...b, leafIndex: 1 } : line === b ? { ...a, leafIndex: 2 } : line));
    expect(verify(swapped, { verifierKey: keptKey }).failure).toMatchObject({ leafIndex: 1, reason: expect.stringMatching(/^leaf 1: /) });
  });

  it('catches a truncated log: checkpoints signed over leaves the export lacks', async () => {
    const truncated = lines.filter((line) => !(line.kind === 'leaf' && line.leafIndex >= 4));
    expect(verify(truncated, { verifierKey: keptKey }).failure).toMatchObject({ leafIndex: 4, reason: 'the log is truncated: it ends at leaf 4, but a checkpoint of 5 leaves was signed' });
  });

  it('catches a rewritten history re-signed with another key: by the kept key, and by the kept checkpoint', async () => {
    // Leaf 2's decision rewritten thoroughly — its stream's hash chain, the leaf hashes, the running
    // chain — and every checkpoint re-signed with a new key named like the real one.
    const { chainHash, GENESIS_HASH } = await import('@ledger/event-store');
    const { merkleRoot } = await import('@ledger/verifiable-log');
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forgedKey = verifierKey('decision-ledger.test/wirral', rawPublicKey(forger));
    const streamHashes = new Map<string, string>();
    let chain = CHAIN_START;
    const hashes: Buffer[] = [];
    const leaves = leavesOf(lines).map((leaf) => {
      const sealed = JSON.parse(leaf.bytes) as { body: string; hash: string; position: string; streamVersion: number };
      const body = leaf.leafIndex === 2 ? sealed.body.replace('approved', 'rejected') : sealed.body;
      const streamId = String((JSON.parse(body) as { streamId: string }).streamId);
      const hash = chainHash(streamHashes.get(streamId) ?? GENESIS_HASH, sealed.streamVersion, body);
      streamHashes.set(streamId, hash);
      const bytes = leafBytes({ ...sealed, body, hash });
      const leafHash = sealedLeafHash(bytes);
      hashes.push(leafHash);
      chain = chainAfter(chain, leafHash);
      return { ...leaf, bytes, leafHash: leafHash.toString('hex'), chainHash: chain.toString('hex'), event: { body, hash } };
    });
    const resigned = [3, 5].map((size) => {
      const rootHash = merkleRoot(hashes.slice(0, size));
      const note = signCheckpoint({ origin: 'decision-ledger.test/wirral', treeSize: size, rootHash }, 'decision-ledger.test/wirral', forger);
      return { kind: 'checkpoint' as const, treeSize: size, rootHash: rootHash.toString('hex'), note, issuedAt: new Date().toISOString() };
    });
    const forged: ExportLine[] = [{ ...(lines[0] as Extract<ExportLine, { kind: 'ledger-export' }>), verifierKey: forgedKey }, ...resigned, ...leaves];

    expect(verify(forged, { verifierKey: keptKey }).failure?.reason).toMatch(/^the checkpoint of 3 leaves is not validly signed/);
    const keptCheckpoint = (await checkpoints.all())[0].note;
    expect(verify(forged, { checkpointNote: keptCheckpoint }).failure?.reason).toMatch(/^the checkpoint you kept does not open with the verifier key/);
    // Without anything kept from before, a thorough forgery holds together: which is why the verifier says so.
    expect(verify(forged)).toMatchObject({ valid: true, notes: [expect.stringMatching(/proves nothing against a re-signed history/)] });
  });

  it('verifies only a whole log: a header claiming a later first leaf is refused', async () => {
    const header = lines[0] as Extract<ExportLine, { kind: 'ledger-export' }>;
    const partial = [{ ...header, fromLeaf: 1 }, ...lines.slice(1).filter((line) => !(line.kind === 'leaf' && line.leafIndex === 0))];
    expect(verify(partial, { verifierKey: keptKey }).failure?.reason).toBe('the export starts at leaf 1: only an export of the whole log (from leaf 0) can be verified');
  });

  it('authenticates nothing without a checkpoint, and no leaf beyond the largest', async () => {
    expect(verify(lines.filter((line) => line.kind !== 'checkpoint'), { verifierKey: keptKey }).failure?.reason).toMatch(/^leaf 0: no signed checkpoint covers it/);
    const lastLeaf = leavesOf(lines).at(-1)!;
    const beyond = [...lines, { ...lastLeaf, leafIndex: 5 }];
    expect(verify(beyond, { verifierKey: keptKey }).failure).toMatchObject({ leafIndex: 5, reason: 'leaf 5: no signed checkpoint covers it (the largest has 5 leaves)' });
    expect(verify([lines[0]], { verifierKey: keptKey }).failure?.reason).toBe('the export holds no signed checkpoint: nothing in it is authenticated');
  });

  it('catches a fork: two checkpoints of one size signed with different roots', async () => {
    const [first] = await checkpoints.all();
    // A second checkpoint of 3 leaves, validly signed by the ledger's own key, over another root.
    const key = (checkpoints as unknown as { signer: { privateKey: import('node:crypto').KeyObject } }).signer.privateKey;
    const forkedRoot = Buffer.alloc(32, 9);
    const note = signCheckpoint({ origin: 'decision-ledger.test/wirral', treeSize: 3, rootHash: forkedRoot }, 'decision-ledger.test/wirral', key);
    const withFork = [lines[0], { kind: 'checkpoint' as const, treeSize: 3, rootHash: forkedRoot.toString('hex'), note, issuedAt: first.issuedAt }, ...lines.slice(1)];
    expect(verify(withFork, { verifierKey: keptKey }).failure?.reason).toBe('two checkpoints of 3 leaves were signed with different roots: the log forked');
  });

  it('refuses a checkpoint the key signed for another log (origin)', async () => {
    const [first] = await checkpoints.all();
    const key = (checkpoints as unknown as { signer: { privateKey: import('node:crypto').KeyObject } }).signer.privateKey;
    const staging = signCheckpoint({ origin: 'staging.test', treeSize: first.treeSize, rootHash: first.rootHash }, 'decision-ledger.test/wirral', key);
    const other = lines.map((line) => (line.kind === 'checkpoint' && line.treeSize === first.treeSize ? { ...line, note: staging } : line));
    expect(verify(other, { verifierKey: keptKey }).failure?.reason).toMatch(/it is a checkpoint of staging.test, not of decision-ledger.test\/wirral/);
  });

  it('names an event altered in the store after it was sealed', async () => {
    await database.query("UPDATE ledger_events SET body = replace(body, 'approved', 'rejected') WHERE stream_id = 'proposal-wirral-jscb' AND stream_version = 2");
    const fresh: ExportLine[] = [];
    for await (const line of exportLedger(database, store, checkpoints)) fresh.push(line);
    expect(verify(fresh, { verifierKey: keptKey }).failure).toMatchObject({ leafIndex: 2, reason: expect.stringMatching(/proposal-wirral-jscb v2 at log position \d+:\d+ has been altered in the store since it was sealed/) });
  });

  it('names an event removed from the store after it was sealed', async () => {
    await database.query("DELETE FROM ledger_events WHERE stream_id = 'organisation-wirral-council' AND stream_version = 2");
    const fresh: ExportLine[] = [];
    for await (const line of exportLedger(database, store, checkpoints)) fresh.push(line);
    expect(fresh.filter((line) => line.kind === 'leaf').map((line) => (line as ExportLeaf).event === null)).toEqual([false, false, false, true, false]);
    expect(verify(fresh, { verifierKey: keptKey }).failure).toMatchObject({ leafIndex: 3 });
  });

  it('exports from a later leaf with the events the store holds for those leaves', async () => {
    const later: ExportLine[] = [];
    for await (const line of exportLedger(database, store, checkpoints, { fromLeaf: 3 })) later.push(line);
    const leaves = later.filter((line): line is ExportLeaf => line.kind === 'leaf');
    expect(leaves.map((leaf) => leaf.leafIndex)).toEqual([3, 4]);
    for (const leaf of leaves) expect(leaf.event?.body).toBe((JSON.parse(leaf.bytes) as { body: string }).body);
  });
});
