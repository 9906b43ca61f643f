import { randomUUID } from 'node:crypto';
import { copyLog, migrate, PgliteDatabase, SqlEventStore, type Database, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { exportLedger, ExportVerifier, LedgerCheckpoints, relocateSeal, Sealer, SealedLogRangeError, SealRelocationError, type ExportLine } from '@ledger/verifiable-log';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wiltshire' } });

async function readWholeLog(store: SqlEventStore): Promise<StoredEvent[]> {
  return store.readLog({ limit: 1_000 });
}

/** A new, empty store in place of `database`, closed. */
async function reopened(database: PgliteDatabase): Promise<PgliteDatabase> {
  await database.close();
  const fresh = await PgliteDatabase.open();
  await migrate(fresh);
  return fresh;
}

/**
 * Moving a sealed ledger's events to another store (what `ledger migrate-events --switch` does for
 * EventStoreDB): the sealed log stays in the ledger's database, signed, and goes on in the new store.
 * The new store here is a second SQL store, whose positions differ from the first's.
 */
describeOnEveryDatabase('moving the sealed log to another event store', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let first: SqlEventStore;
  let moved: PgliteDatabase;
  let second: SqlEventStore;
  let checkpoints: LedgerCheckpoints;

  beforeEach(async () => {
    ({ database, dispose } = await open());
    await migrate(database);
    await database.query("SELECT nextval('ledger_event_position') FROM generate_series(1, 5)"); // so that no position recurs in the new store
    first = new SqlEventStore(database);
    await first.append('organisation-wiltshire-council', [event('OrganisationRegistered', { organisationId: 'wiltshire-council' })], { expectedVersion: 'no-stream' });
    await first.append('proposal-bsw-alliance', [event('ProposalTabled', { proposalId: 'bsw-alliance' }), event('RatificationRecorded', { outcome: 'approved' })], { expectedVersion: 'no-stream' });
    await first.append('organisation-wiltshire-council', [event('GoverningBodyDesignated', { bodyId: 'wiltshire-cabinet' })], { expectedVersion: 1 });
    await new Sealer(database, first).catchUp();
    checkpoints = await LedgerCheckpoints.open(database, { name: 'decision-ledger.test/wiltshire' });
    await checkpoints.issue(); // 4 leaves

    moved = await PgliteDatabase.open();
    await migrate(moved);
    second = new SqlEventStore(moved);
    await copyLog(first, second);
  });
  afterEach(async () => {
    await moved.close();
    await dispose();
  });

  it('finds every sealed event in the new store, and seals on from there', async () => {
    const before = await readWholeLog(first);
    const after = await readWholeLog(second);
    expect(after.map((stored) => stored.eventId)).toEqual(before.map((stored) => stored.eventId));
    expect(after.map((stored) => stored.position)).not.toEqual(before.map((stored) => stored.position));

    expect(await relocateSeal(database, second)).toEqual({ leaves: 4, logPosition: after[3].position });
    await second.append('proposal-bsw-alliance', [event('CallInLodged', { proposalId: 'bsw-alliance' })], { expectedVersion: 2 });
    await second.append('proposal-bsw-alliance', [event('CallInResolved', { proposalId: 'bsw-alliance' })], { expectedVersion: 3 });
    expect(await new Sealer(database, second).catchUp()).toBe(2);
    expect((await checkpoints.issue())?.treeSize).toBe(6); // proven to extend the checkpoint signed before the move

    const lines: ExportLine[] = [];
    for await (const line of exportLedger(database, second, checkpoints)) lines.push(line);
    const verifier = new ExportVerifier({ verifierKey: checkpoints.verifierKey });
    for (const line of lines) verifier.accept(JSON.stringify(line));
    expect(verifier.finish()).toMatchObject({ valid: true, leaves: 6, checkpoints: 2 });
    expect(lines.filter((line) => line.kind === 'leaf').every((line) => line.kind === 'leaf' && line.event !== null)).toBe(true);
  });

  it('matches leaves to events in the order of their numbers past ten (leaf 10 after leaf 9, not after leaf 1)', async () => {
    for (let version = 2; version <= 9; version++) {
      await first.append('proposal-bsw-alliance', [event('CallInLodged', { proposalId: 'bsw-alliance', n: version })], { expectedVersion: version });
    }
    expect(await new Sealer(database, first).catchUp()).toBe(8);
    await copyLog(first, (second = new SqlEventStore((moved = await reopened(moved)))));
    const after = await readWholeLog(second);
    expect(after).toHaveLength(12);
    expect(await relocateSeal(database, second)).toEqual({ leaves: 12, logPosition: after[11].position });
  });

  it('proves inclusion by where an event stands now, not where it was sealed', async () => {
    const [, , ratifiedBefore] = await readWholeLog(first);
    const [, , ratifiedAfter] = await readWholeLog(second);
    await relocateSeal(database, second);
    expect((await checkpoints.inclusion(ratifiedAfter.position, 4)).leafIndex).toBe(2);
    await expect(checkpoints.inclusion(ratifiedBefore.position, 4)).rejects.toBeInstanceOf(SealedLogRangeError);
  });

  it('refuses, changing nothing, a store that does not hold the sealed events in order', async () => {
    const other = await PgliteDatabase.open();
    try {
      await migrate(other);
      const elsewhere = new SqlEventStore(other);
      const log = await readWholeLog(first);
      // The same events, but the council's second event before the proposal's two.
      for (const run of [[log[0]], [log[3]], log.slice(1, 3)]) await elsewhere.appendAsRecorded(run);
      const head = await new Sealer(database, first).head();
      await expect(relocateSeal(database, elsewhere)).rejects.toThrow(SealRelocationError);
      await expect(relocateSeal(database, elsewhere)).rejects.toThrow(/^Leaf 1 seals proposal-bsw-alliance version 1 \(event [0-9a-f-]+\), but the new store holds organisation-wiltshire-council version 2/);
      expect(await new Sealer(database, first).head()).toEqual(head);
      expect(await database.query('SELECT * FROM ledger_leaf_relocations')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('refuses a store whose log ends before the sealed log does', async () => {
    const other = await PgliteDatabase.open();
    try {
      await migrate(other);
      const elsewhere = new SqlEventStore(other);
      const log = await readWholeLog(first);
      await elsewhere.appendAsRecorded([log[0]]);
      await expect(relocateSeal(database, elsewhere)).rejects.toThrow(/^Leaf 1 seals proposal-bsw-alliance version 1, but the new store's log ends before it/);
    } finally {
      await other.close();
    }
  });
});
