import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStreamId, parseInstant, type OrganisationCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { RegisterOrganisation } from './register-organisation.command.js';

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation> {
  constructor(private readonly streams: StreamDecisions) {}

  async execute({ request, context }: RegisterOrganisation): Promise<CommandAnswer> {
    const decision = await this.streams.decide(
      organisationStreamId(request.id),
      organisationDecider,
      (): OrganisationCommand => ({
        type: 'RegisterOrganisation',
        organisationId: request.id,
        name: request.name,
        kind: request.kind,
        functions: request.functions,
        establishedOn: parseInstant(request.establishedOn)!,
      }),
      context,
    );
    return { id: request.id, position: decision.position };
  }
}
