import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { BodyDissolutionRequest } from './body-dissolution.request.js';

export class DissolveBody extends Command<CommandAnswer> {
  constructor(
    readonly bodyId: string,
    readonly request: BodyDissolutionRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
