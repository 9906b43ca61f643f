import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dissolveBody, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { DissolveBody } from './dissolve-body.command.js';

/** `dissolveBody` of the ledger's commands, from the request. */
@CommandHandler(DissolveBody)
export class DissolveBodyHandler implements ICommandHandler<DissolveBody> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ bodyId, request, context }: DissolveBody): Promise<CommandAnswer> {
    return dissolveBody(this.ledger, bodyId, request, context);
  }
}
