import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { rescindRatification, LedgerCommands } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import { RescindRatification } from './rescind-ratification.command.js';

/** `rescindRatification` of the ledger's commands, from the request. */
@CommandHandler(RescindRatification)
export class RescindRatificationHandler implements ICommandHandler<RescindRatification> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ proposalId, ratificationId, request, context }: RescindRatification): Promise<ProposalAnswer> {
    return rescindRatification(this.ledger, proposalId, ratificationId, request, context);
  }
}
