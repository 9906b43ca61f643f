import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dissolveOrganisation, LedgerCommands } from '@ledger/ledger-commands';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { DissolveOrganisation } from './dissolve-organisation.command.js';

/** `dissolveOrganisation` of the ledger's commands, from the request. */
@CommandHandler(DissolveOrganisation)
export class DissolveOrganisationHandler implements ICommandHandler<DissolveOrganisation> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ organisationId, request, context }: DissolveOrganisation): Promise<CommandAnswer> {
    return dissolveOrganisation(this.ledger, organisationId, request, context);
  }
}
