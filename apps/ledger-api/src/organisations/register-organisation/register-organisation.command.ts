import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { OrganisationRequest } from './organisation.request.js';

export class RegisterOrganisation extends Command<CommandAnswer> {
  constructor(
    readonly request: OrganisationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
