import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { MembershipRequest } from './membership.request.js';

export class StartMembership extends Command<CommandAnswer> {
  constructor(
    readonly bodyId: string,
    readonly request: MembershipRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
