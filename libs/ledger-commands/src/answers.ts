import type { LogPosition } from '@ledger/event-store';
import type { AuthorityAnswer, ProposalStatus } from '@ledger/governance';

/** What every command answers: the id it concerns and the log position it wrote. */
export interface CommandAnswer {
  id: string;
  position: LogPosition;
}

/** What a command on a proposal answers: its current version and status besides the id and position. */
export interface ProposalAnswer extends CommandAnswer {
  version: number;
  proposalStatus: ProposalStatus;
}

/** A decision recorded: for an approve step, the authority the decider held, with the chains that grant it. */
export interface RatificationAnswer extends ProposalAnswer {
  authority: AuthorityAnswer | null;
}
