import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { endMembership, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { EndMembership } from './end-membership.command.js';

/** `endMembership` of the ledger's commands, from the request. */
@CommandHandler(EndMembership)
export class EndMembershipHandler implements ICommandHandler<EndMembership> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ bodyId, membershipId, request, context }: EndMembership): Promise<CommandAnswer> {
    return endMembership(this.ledger, bodyId, membershipId, request, context);
  }
}
