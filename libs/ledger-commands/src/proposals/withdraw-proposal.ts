import { parseInstant } from '@ledger/governance';
import type { ProposalAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface WithdrawProposalInput {
  withdrawnOn: string;
  reason: string;
}

export function withdrawProposal(ledger: LedgerCommands, proposalId: string, input: WithdrawProposalInput, context: CommandContext): Promise<ProposalAnswer> {
  return ledger.proposals.decide(
    proposalId,
    proposalId,
    () => ({ type: 'WithdrawProposal', proposalId, withdrawnOn: parseInstant(input.withdrawnOn)!, now: ledger.clock.now(), reason: input.reason }),
    context,
  );
}
