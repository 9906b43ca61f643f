import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import type { WithdrawalRequest } from './withdrawal.request.js';

export class WithdrawProposal extends Command<ProposalAnswer> {
  constructor(
    readonly proposalId: string,
    readonly request: WithdrawalRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
