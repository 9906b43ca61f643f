import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { DelegationRequest } from './delegation.request.js';

export class GrantDelegation extends Command<CommandAnswer> {
  constructor(
    readonly request: DelegationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
