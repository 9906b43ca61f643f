import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordPostHolder, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { RecordPostHolder } from './record-post-holder.command.js';

/** `recordPostHolder` of the ledger's commands, from the request. */
@CommandHandler(RecordPostHolder)
export class RecordPostHolderHandler implements ICommandHandler<RecordPostHolder> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ postId, request, context }: RecordPostHolder): Promise<CommandAnswer> {
    return recordPostHolder(this.ledger, postId, request, context);
  }
}
