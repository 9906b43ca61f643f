import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import type { CallInRequest } from './call-in.request.js';

export class LodgeCallIn extends Command<ProposalAnswer> {
  constructor(
    readonly proposalId: string,
    readonly request: CallInRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
