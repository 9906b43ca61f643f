import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { tableProposal, LedgerCommands } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import { TableProposal } from './table-proposal.command.js';

/** `tableProposal` of the ledger's commands, from the request. */
@CommandHandler(TableProposal)
export class TableProposalHandler implements ICommandHandler<TableProposal> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ request, context }: TableProposal): Promise<ProposalAnswer> {
    return tableProposal(this.ledger, request, context);
  }
}
