import { postDecider, postStreamId, type PostCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface CreatePostInput {
  id: string;
  title: string;
  organisationId: string;
}

export async function createPost(ledger: LedgerCommands, input: CreatePostInput, context: CommandContext): Promise<CommandAnswer> {
  await ledger.decisionMakers.assertIdIsFree(input.id, context);
  const decision = await ledger.streams.decide(
    postStreamId(input.id),
    postDecider,
    async (): Promise<PostCommand> => ({
      type: 'CreatePost',
      postId: input.id,
      title: input.title,
      organisationId: input.organisationId,
      organisation: await ledger.organisations.of(input.organisationId),
    }),
    context,
  );
  return { id: input.id, position: decision.position };
}
