import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-commands';
import type { RatificationAnswer } from './ratification-answer.js';
import type { RatificationRequest } from './ratification.request.js';

export class RecordRatification extends Command<RatificationAnswer> {
  constructor(
    readonly proposalId: string,
    readonly request: RatificationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
