import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registerOrganisation, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { RegisterOrganisation } from './register-organisation.command.js';

/** `registerOrganisation` of the ledger's commands, from the request. */
@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ request, context }: RegisterOrganisation): Promise<CommandAnswer> {
    return registerOrganisation(this.ledger, request, context);
  }
}
