import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import type { ProposalRequest } from './proposal.request.js';

export class TableProposal extends Command<ProposalAnswer> {
  constructor(
    readonly request: ProposalRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
