import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { withdrawProposal, LedgerCommands } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import { WithdrawProposal } from './withdraw-proposal.command.js';

/** `withdrawProposal` of the ledger's commands, from the request. */
@CommandHandler(WithdrawProposal)
export class WithdrawProposalHandler implements ICommandHandler<WithdrawProposal> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ proposalId, request, context }: WithdrawProposal): Promise<ProposalAnswer> {
    return withdrawProposal(this.ledger, proposalId, request, context);
  }
}
