import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { establishBody, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { EstablishBody } from './establish-body.command.js';

/** `establishBody` of the ledger's commands, from the request. */
@CommandHandler(EstablishBody)
export class EstablishBodyHandler implements ICommandHandler<EstablishBody> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ request, context }: EstablishBody): Promise<CommandAnswer> {
    return establishBody(this.ledger, request, context);
  }
}
