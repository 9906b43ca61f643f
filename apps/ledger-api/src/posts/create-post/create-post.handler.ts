import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { postDecider, postStreamId, type PostCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { DeciderFacts } from '../../commands/decider-facts.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { CreatePost } from './create-post.command.js';

@CommandHandler(CreatePost)
export class CreatePostHandler implements ICommandHandler<CreatePost> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly organisations: OrganisationFacts,
    private readonly deciders: DeciderFacts,
  ) {}

  async execute({ request, context }: CreatePost): Promise<CommandAnswer> {
    await this.deciders.assertIdIsFree(request.id, context);
    const decision = await this.streams.decide(
      postStreamId(request.id),
      postDecider,
      async (): Promise<PostCommand> => ({
        type: 'CreatePost',
        postId: request.id,
        title: request.title,
        organisationId: request.organisationId,
        organisation: await this.organisations.of(request.organisationId),
      }),
      context,
    );
    return { id: request.id, position: decision.position };
  }
}
