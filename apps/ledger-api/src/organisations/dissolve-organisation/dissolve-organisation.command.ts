import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { DissolutionRequest } from './dissolution.request.js';

export class DissolveOrganisation extends Command<CommandAnswer> {
  constructor(
    readonly organisationId: string,
    readonly request: DissolutionRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
