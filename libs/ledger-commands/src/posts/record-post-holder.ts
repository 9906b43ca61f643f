import { NotFoundError, parseInstant, postDecider, postStreamId, type PostCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface RecordPostHolderInput {
  personName: string;
  startDate: string;
  endDate?: string;
}

export async function recordPostHolder(ledger: LedgerCommands, postId: string, input: RecordPostHolderInput, context: CommandContext): Promise<CommandAnswer> {
  const decision = await ledger.streams.decide(
    postStreamId(postId),
    postDecider,
    async (post): Promise<PostCommand> => {
      if (post.status === 'uncreated') throw new NotFoundError('post', postId);
      return {
        type: 'RecordPostHolder',
        postId,
        personName: input.personName,
        startDate: parseInstant(input.startDate)!,
        endDate: input.endDate === undefined ? undefined : parseInstant(input.endDate)!,
        organisation: await ledger.organisations.of(post.organisationId),
      };
    },
    context,
  );
  return { id: postId, position: decision.position };
}
