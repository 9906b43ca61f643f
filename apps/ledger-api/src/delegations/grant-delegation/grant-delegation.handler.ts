import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { grantDelegation, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { GrantDelegation } from './grant-delegation.command.js';

/** `grantDelegation` of the ledger's commands, from the request. */
@CommandHandler(GrantDelegation)
export class GrantDelegationHandler implements ICommandHandler<GrantDelegation> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ request, context }: GrantDelegation): Promise<CommandAnswer> {
    return grantDelegation(this.ledger, request, context);
  }
}
