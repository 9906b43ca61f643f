import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStreamId, parseInstant, type OrganisationCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { DissolveOrganisation } from './dissolve-organisation.command.js';

@CommandHandler(DissolveOrganisation)
export class DissolveOrganisationHandler implements ICommandHandler<DissolveOrganisation> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly organisations: OrganisationFacts,
  ) {}

  async execute({ organisationId, request, context }: DissolveOrganisation): Promise<CommandAnswer> {
    const decision = await this.streams.decide(
      organisationStreamId(organisationId),
      organisationDecider,
      async (): Promise<OrganisationCommand> => ({
        type: 'DissolveOrganisation',
        organisationId,
        dissolvedOn: parseInstant(request.dissolvedOn)!,
        transferDelegations: request.transferDelegations,
        successor: request.successorId ? await this.organisations.of(request.successorId) : undefined,
      }),
      context,
    );
    if (!request.successorId) return { id: organisationId, position: decision.position };
    // The successor learns of its predecessor, so its authority can count transferred delegations.
    const succession = await this.streams.decide(
      organisationStreamId(request.successorId),
      organisationDecider,
      (): OrganisationCommand => ({
        type: 'RecordSuccession',
        organisationId: request.successorId!,
        predecessorId: organisationId,
        succeededOn: parseInstant(request.dissolvedOn)!,
        transferDelegations: request.transferDelegations,
      }),
      context,
    );
    return { id: organisationId, position: succession.events.length > 0 ? succession.position : decision.position };
  }
}
