import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createPost, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { CreatePost } from './create-post.command.js';

/** `createPost` of the ledger's commands, from the request. */
@CommandHandler(CreatePost)
export class CreatePostHandler implements ICommandHandler<CreatePost> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ request, context }: CreatePost): Promise<CommandAnswer> {
    return createPost(this.ledger, request, context);
  }
}
