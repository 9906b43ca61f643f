import { bodyDecider, bodyStreamId, parseInstant, type BodyCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface StartMembershipInput {
  membershipId: string;
  memberName?: string;
  memberOrganisationId?: string;
  role: string;
  onBehalfOfOrganisationId?: string;
  startDate: string;
  endDate?: string;
}

export async function startMembership(ledger: LedgerCommands, bodyId: string, input: StartMembershipInput, context: CommandContext): Promise<CommandAnswer> {
  const decision = await ledger.streams.decide(
    bodyStreamId(bodyId),
    bodyDecider,
    async (): Promise<BodyCommand> => ({
      type: 'StartMembership',
      bodyId,
      membershipId: input.membershipId,
      memberName: input.memberName,
      memberOrganisationId: input.memberOrganisationId,
      role: input.role,
      onBehalfOfOrganisationId: input.onBehalfOfOrganisationId,
      startDate: parseInstant(input.startDate)!,
      endDate: input.endDate === undefined ? undefined : parseInstant(input.endDate)!,
      organisations: await ledger.organisations.ofEach([input.memberOrganisationId, input.onBehalfOfOrganisationId]),
    }),
    context,
  );
  return { id: input.membershipId, position: decision.position };
}
