import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { BodyRequest } from './body.request.js';

export class EstablishBody extends Command<CommandAnswer> {
  constructor(
    readonly request: BodyRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
