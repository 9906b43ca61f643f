import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { MembershipEndRequest } from './membership-end.request.js';

export class EndMembership extends Command<CommandAnswer> {
  constructor(
    readonly bodyId: string,
    readonly membershipId: string,
    readonly request: MembershipEndRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
