import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStreamId, parseInstant, type OrganisationCommand, type OrganisationState } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { DissolveOrganisation } from './dissolve-organisation.command.js';

@CommandHandler(DissolveOrganisation)
export class DissolveOrganisationHandler implements ICommandHandler<DissolveOrganisation> {
  constructor(private readonly streams: StreamDecisions) {}

  async execute({ organisationId, request, context }: DissolveOrganisation): Promise<CommandAnswer> {
    const decision = await this.streams.decide(
      organisationStreamId(organisationId),
      organisationDecider,
      async (): Promise<OrganisationCommand> => ({
        type: 'DissolveOrganisation',
        organisationId,
        dissolvedOn: parseInstant(request.dissolvedOn)!,
        transferDelegations: request.transferDelegations,
        successor: request.successorId ? successorFact(request.successorId, (await this.streams.load(organisationStreamId(request.successorId), organisationDecider)).state) : undefined,
      }),
      context,
    );
    return { id: organisationId, position: decision.position };
  }
}

function successorFact(organisationId: string, successor: OrganisationState) {
  if (successor.status === 'unregistered') return { organisationId, registered: false };
  return { organisationId, registered: true, establishedOn: successor.establishedOn, dissolvedOn: successor.dissolution?.dissolvedOn };
}
