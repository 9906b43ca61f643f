import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import type { RescissionRequest } from './rescission.request.js';

export class RescindRatification extends Command<ProposalAnswer> {
  constructor(
    readonly proposalId: string,
    readonly ratificationId: string,
    readonly request: RescissionRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
