import { bodyDecider, bodyStreamId, parseInstant, type BodyCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface EndMembershipInput {
  endDate: string;
  reason?: string;
}

export async function endMembership(ledger: LedgerCommands, bodyId: string, membershipId: string, input: EndMembershipInput, context: CommandContext): Promise<CommandAnswer> {
  const decision = await ledger.streams.decide(
    bodyStreamId(bodyId),
    bodyDecider,
    (): BodyCommand => ({ type: 'EndMembership', bodyId, membershipId, endDate: parseInstant(input.endDate)!, reason: input.reason }),
    context,
  );
  return { id: membershipId, position: decision.position };
}
