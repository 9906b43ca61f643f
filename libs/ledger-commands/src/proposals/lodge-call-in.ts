import { parseInstant } from '@ledger/governance';
import { assertActsFor } from '../acting-for-body.js';
import type { ProposalAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface LodgeCallInInput {
  callInId: string;
  ratificationId: string;
  scrutinyBodyId: string;
  lodgedOn: string;
  reason: string;
}

export function lodgeCallIn(ledger: LedgerCommands, proposalId: string, input: LodgeCallInInput, context: CommandContext): Promise<ProposalAnswer> {
  assertActsFor(context, input.scrutinyBodyId);
  return ledger.proposals.decide(
    proposalId,
    input.callInId,
    async () => ({
      type: 'LodgeCallIn',
      proposalId,
      callInId: input.callInId,
      ratificationId: input.ratificationId,
      scrutinyBodyId: input.scrutinyBodyId,
      lodgedOn: parseInstant(input.lodgedOn)!,
      now: ledger.clock.now(),
      reason: input.reason,
      scrutinyBody: await ledger.decisionMakers.scrutinyBody(input.scrutinyBodyId),
    }),
    context,
  );
}
