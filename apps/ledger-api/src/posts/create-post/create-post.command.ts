import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { PostRequest } from './post.request.js';

export class CreatePost extends Command<CommandAnswer> {
  constructor(
    readonly request: PostRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
