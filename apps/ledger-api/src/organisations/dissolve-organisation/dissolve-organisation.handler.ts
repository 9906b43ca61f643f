import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStreamId, parseInstant, type OrganisationCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import { StreamDecisions, streamPart } from '../../commands/stream-decisions.js';
import { DissolveOrganisation } from './dissolve-organisation.command.js';

@CommandHandler(DissolveOrganisation)
export class DissolveOrganisationHandler implements ICommandHandler<DissolveOrganisation> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly organisations: OrganisationFacts,
  ) {}

  async execute({ organisationId, request, context }: DissolveOrganisation): Promise<CommandAnswer> {
    const dissolution = streamPart(
      organisationStreamId(organisationId),
      organisationDecider,
      async (): Promise<OrganisationCommand> => ({
        type: 'DissolveOrganisation',
        organisationId,
        dissolvedOn: parseInstant(request.dissolvedOn)!,
        transferDelegations: request.transferDelegations,
        successor: request.successorId ? await this.organisations.of(request.successorId) : undefined,
      }),
    );
    if (!request.successorId) {
      const [dissolved] = await this.streams.decideTogether([dissolution], context);
      return { id: organisationId, position: dissolved.position };
    }
    // The successor learns of its predecessor, so its authority can count transferred delegations:
    // in the same change as the dissolution, so that neither is recorded without the other.
    const succession = streamPart(
      organisationStreamId(request.successorId),
      organisationDecider,
      (): OrganisationCommand => ({
        type: 'RecordSuccession',
        organisationId: request.successorId!,
        predecessorId: organisationId,
        succeededOn: parseInstant(request.dissolvedOn)!,
        transferDelegations: request.transferDelegations,
      }),
    );
    const [dissolved, succeeded] = await this.streams.decideTogether([dissolution, succession], context);
    return { id: organisationId, position: succeeded.events.length > 0 ? succeeded.position : dissolved.position };
  }
}
