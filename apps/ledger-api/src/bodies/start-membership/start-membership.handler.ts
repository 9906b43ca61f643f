import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { startMembership, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { StartMembership } from './start-membership.command.js';

/** `startMembership` of the ledger's commands, from the request. */
@CommandHandler(StartMembership)
export class StartMembershipHandler implements ICommandHandler<StartMembership> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ bodyId, request, context }: StartMembership): Promise<CommandAnswer> {
    return startMembership(this.ledger, bodyId, request, context);
  }
}
