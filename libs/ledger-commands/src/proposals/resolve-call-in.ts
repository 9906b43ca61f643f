import { findCallIn, parseInstant, type CallInOutcome } from '@ledger/governance';
import { assertActsFor } from '../acting-for-body.js';
import type { ProposalAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface ResolveCallInInput {
  resolvedOn: string;
  outcome: CallInOutcome;
}

/** Resolves a call-in; an integration key may resolve only the call-ins of the scrutiny bodies it acts for. */
export function resolveCallIn(ledger: LedgerCommands, proposalId: string, callInId: string, input: ResolveCallInInput, context: CommandContext): Promise<ProposalAnswer> {
  return ledger.proposals.decide(
    proposalId,
    callInId,
    (state) => {
      const found = state.status === 'untabled' ? undefined : findCallIn(state, callInId);
      if (found) assertActsFor(context, found.callIn.scrutinyBodyId);
      return { type: 'ResolveCallIn', proposalId, callInId, resolvedOn: parseInstant(input.resolvedOn)!, now: ledger.clock.now(), outcome: input.outcome };
    },
    context,
  );
}
