import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseInstant } from '@ledger/governance';
import { LedgerClock } from '../../commands/ledger-clock.js';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ProposalStreams } from '../proposal-streams.js';
import { WithdrawProposal } from './withdraw-proposal.command.js';

@CommandHandler(WithdrawProposal)
export class WithdrawProposalHandler implements ICommandHandler<WithdrawProposal> {
  constructor(
    private readonly proposals: ProposalStreams,
    private readonly clock: LedgerClock,
  ) {}

  execute({ proposalId, request, context }: WithdrawProposal): Promise<ProposalAnswer> {
    return this.proposals.decide(
      proposalId,
      proposalId,
      () => ({ type: 'WithdrawProposal', proposalId, withdrawnOn: parseInstant(request.withdrawnOn)!, now: this.clock.now(), reason: request.reason }),
      context,
    );
  }
}
