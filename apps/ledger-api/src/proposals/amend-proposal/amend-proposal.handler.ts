import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { amendProposal, LedgerCommands } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import { AmendProposal } from './amend-proposal.command.js';

/** `amendProposal` of the ledger's commands, from the request. */
@CommandHandler(AmendProposal)
export class AmendProposalHandler implements ICommandHandler<AmendProposal> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ proposalId, request, context }: AmendProposal): Promise<ProposalAnswer> {
    return amendProposal(this.ledger, proposalId, request, context);
  }
}
