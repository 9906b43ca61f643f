import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import type { AmendmentRequest } from './amendment.request.js';

export class AmendProposal extends Command<ProposalAnswer> {
  constructor(
    readonly proposalId: string,
    readonly request: AmendmentRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
