import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { changeDelegation, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { ChangeDelegation } from './change-delegation.command.js';

/** `changeDelegation` of the ledger's commands, from the request. */
@CommandHandler(ChangeDelegation)
export class ChangeDelegationHandler implements ICommandHandler<ChangeDelegation> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ delegationId, change, context }: ChangeDelegation): Promise<CommandAnswer> {
    return changeDelegation(this.ledger, delegationId, change, context);
  }
}
