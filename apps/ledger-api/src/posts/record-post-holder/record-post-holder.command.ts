import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { PostHolderRequest } from './post-holder.request.js';

export class RecordPostHolder extends Command<CommandAnswer> {
  constructor(
    readonly postId: string,
    readonly request: PostHolderRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
