import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-commands';
import type { CallInResolutionRequest } from '../lodge-call-in/call-in.request.js';
import type { ProposalAnswer } from '../proposal-answer.js';

export class ResolveCallIn extends Command<ProposalAnswer> {
  constructor(
    readonly proposalId: string,
    readonly callInId: string,
    readonly request: CallInResolutionRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
