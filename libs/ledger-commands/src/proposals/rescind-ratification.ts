import { findRatification, parseInstant } from '@ledger/governance';
import { assertActsFor } from '../acting-for-body.js';
import type { ProposalAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface RescindRatificationInput {
  rescindedOn: string;
  reason: string;
}

/** Rescinds a decision; an integration key may rescind only the decisions of the bodies it acts for. */
export function rescindRatification(ledger: LedgerCommands, proposalId: string, ratificationId: string, input: RescindRatificationInput, context: CommandContext): Promise<ProposalAnswer> {
  return ledger.proposals.decide(
    proposalId,
    ratificationId,
    (state) => {
      const ratification = state.status === 'untabled' ? undefined : findRatification(state, ratificationId);
      if (ratification) assertActsFor(context, ratification.deciderId);
      return { type: 'RescindRatification', proposalId, ratificationId, rescindedOn: parseInstant(input.rescindedOn)!, now: ledger.clock.now(), reason: input.reason };
    },
    context,
  );
}
