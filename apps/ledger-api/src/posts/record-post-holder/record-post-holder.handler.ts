import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, parseInstant, postDecider, postStreamId, type PostCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { RecordPostHolder } from './record-post-holder.command.js';

@CommandHandler(RecordPostHolder)
export class RecordPostHolderHandler implements ICommandHandler<RecordPostHolder> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly organisations: OrganisationFacts,
  ) {}

  async execute({ postId, request, context }: RecordPostHolder): Promise<CommandAnswer> {
    const decision = await this.streams.decide(
      postStreamId(postId),
      postDecider,
      async (post): Promise<PostCommand> => {
        if (post.status === 'uncreated') throw new NotFoundError('post', postId);
        return {
          type: 'RecordPostHolder',
          postId,
          personName: request.personName,
          startDate: parseInstant(request.startDate)!,
          endDate: request.endDate === undefined ? undefined : parseInstant(request.endDate)!,
          organisation: await this.organisations.of(post.organisationId),
        };
      },
      context,
    );
    return { id: postId, position: decision.position };
  }
}
