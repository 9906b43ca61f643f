import type { EventStore } from '@ledger/event-store';
import type { AuthorityFacts, FoldedStreams } from '@ledger/facts';
import { DecisionMakerFacts } from './decision-maker-facts.js';
import { SYSTEM_CLOCK, type LedgerClock } from './ledger-clock.js';
import { OrganisationFacts } from './organisation-facts.js';
import { ProposalStreams } from './proposals/proposal-streams.js';
import { StreamDecisions } from './stream-decisions.js';

/**
 * What every use case works with: the load → decide → append loop over the ledger's streams, the
 * facts commands read from other streams (on the one authority reader the reads share), and the
 * clock. Framework-free: the API's command handlers, the CLI and tests drive the same use cases.
 */
export class LedgerCommands {
  readonly streams: StreamDecisions;
  readonly organisations: OrganisationFacts;
  readonly decisionMakers: DecisionMakerFacts;
  readonly proposals: ProposalStreams;

  constructor(
    store: EventStore,
    folded: FoldedStreams,
    readonly authority: AuthorityFacts,
    readonly clock: LedgerClock = SYSTEM_CLOCK,
  ) {
    this.streams = new StreamDecisions(store, folded);
    this.organisations = new OrganisationFacts(this.streams);
    this.decisionMakers = new DecisionMakerFacts(this.streams);
    this.proposals = new ProposalStreams(this.streams);
  }
}
