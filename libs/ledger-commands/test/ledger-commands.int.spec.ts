import { migrate, SqlEventStore, type Database, type EventStore } from '@ledger/event-store';
import { AuthorityFacts, FoldedStreams } from '@ledger/facts';
import { NoAuthorityError } from '@ledger/governance';
import {
  ActsForOtherBodiesError,
  createPost,
  establishBody,
  grantDelegation,
  LedgerCommands,
  recordRatification,
  registerOrganisation,
  tableProposal,
  type CommandContext,
} from '@ledger/ledger-commands';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

/*
 * The write side driven as a library, with no HTTP and no framework: Wiltshire's Better Care Fund
 * plan approved by the Director of Adult Social Services under the Cabinet's delegation, on the
 * event store itself.
 */

const COUNCIL = 'wiltshire-council';
const CABINET = 'wiltshire-cabinet';
const DASS = 'wiltshire-director-adult-social-services';
const PLAN = 'wiltshire-bcf-plan-2024-25';

const clerk: CommandContext = { actor: 'clerk:wiltshire-democratic-services', idempotencyKey: null, retrying: false, correlationId: 'library-test', actsOnlyForBodyIds: null };

describeOnEveryDatabase('the ledger’s commands as a library', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let store: EventStore;
  let ledger: LedgerCommands;

  beforeEach(async () => {
    ({ database, dispose } = await open());
    await migrate(database);
    store = new SqlEventStore(database);
    const folded = new FoldedStreams(store);
    ledger = new LedgerCommands(store, folded, new AuthorityFacts(folded), { now: () => '2024-06-03T09:30:00+01:00' });
    await registerOrganisation(ledger, { id: COUNCIL, name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care', 'bcf'], establishedOn: '2009-04-01' }, clerk);
    await establishBody(ledger, { id: CABINET, name: 'Wiltshire Council Cabinet', kind: 'governing-body', organisationId: COUNCIL, establishedOn: '2009-04-01' }, clerk);
    await createPost(ledger, { id: DASS, title: 'Director of Adult Social Services', organisationId: COUNCIL }, clerk);
    await tableProposal(
      ledger,
      {
        id: PLAN,
        title: 'Better Care Fund plan 2024–25',
        scopes: ['bcf'],
        valuePence: 4_500_000_000,
        keyDecision: true,
        proposedById: DASS,
        route: [{ organisationId: COUNCIL, requirement: 'approve' }],
        tabledOn: '2024-04-02',
      },
      clerk,
    );
  });
  afterEach(async () => dispose());

  const approval = { deciderId: DASS, version: 1, outcome: 'approved' as const, decidedOn: '2024-05-01', reasons: 'Within the Cabinet’s delegation.' };

  it('records a decision under a delegation, answering the chain it rests on', async () => {
    await grantDelegation(
      ledger,
      {
        id: 'cabinet-to-dass-bcf',
        organisationId: COUNCIL,
        fromId: CABINET,
        toId: DASS,
        scopes: ['bcf'],
        limitPence: 5_000_000_000,
        effectiveFrom: '2024-04-01',
        mayRedelegate: false,
        instrument: { title: 'Wiltshire Council Constitution, Part 3' },
      },
      clerk,
    );
    const answer = await recordRatification(ledger, PLAN, { ...approval, ratificationId: 'dass-2024-05-01' }, clerk);
    expect(answer).toMatchObject({ id: 'dass-2024-05-01', version: 1, proposalStatus: 'ratified', authority: { allowed: true, reasons: [] } });
    expect(answer.authority!.chains.map((chain) => chain.map((link) => link.delegationId))).toEqual([['cabinet-to-dass-bcf']]);
    const events = await store.readStream(`proposal-${PLAN}`, { fromVersion: 2 });
    expect(events.map((event) => [event.type, event.metadata.actor])).toEqual([
      ['RatificationRecorded', clerk.actor],
      ['ProposalRatified', clerk.actor],
    ]);
    expect(events[1].position).toBe(answer.position);
  });

  it('refuses a decision without authority, appending nothing', async () => {
    const head = await store.headPosition();
    await expect(recordRatification(ledger, PLAN, approval, clerk)).rejects.toBeInstanceOf(NoAuthorityError);
    await expect(recordRatification(ledger, PLAN, approval, { ...clerk, actsOnlyForBodyIds: [CABINET] })).rejects.toBeInstanceOf(ActsForOtherBodiesError);
    expect(await store.headPosition()).toBe(head);
  });
});
