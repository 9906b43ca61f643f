import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordRatification, LedgerCommands } from '@ledger/ledger-commands';
import type { RatificationAnswer } from './ratification-answer.js';
import { RecordRatification } from './record-ratification.command.js';

/** `recordRatification` of the ledger's commands, from the request. */
@CommandHandler(RecordRatification)
export class RecordRatificationHandler implements ICommandHandler<RecordRatification> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ proposalId, request, context }: RecordRatification): Promise<RatificationAnswer> {
    return recordRatification(this.ledger, proposalId, request, context);
  }
}
