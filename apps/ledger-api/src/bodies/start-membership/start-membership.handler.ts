import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { bodyDecider, bodyStreamId, parseInstant, type BodyCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { StartMembership } from './start-membership.command.js';

@CommandHandler(StartMembership)
export class StartMembershipHandler implements ICommandHandler<StartMembership> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly organisations: OrganisationFacts,
  ) {}

  async execute({ bodyId, request, context }: StartMembership): Promise<CommandAnswer> {
    const decision = await this.streams.decide(
      bodyStreamId(bodyId),
      bodyDecider,
      async (): Promise<BodyCommand> => ({
        type: 'StartMembership',
        bodyId,
        membershipId: request.membershipId,
        memberName: request.memberName,
        memberOrganisationId: request.memberOrganisationId,
        role: request.role,
        onBehalfOfOrganisationId: request.onBehalfOfOrganisationId,
        startDate: parseInstant(request.startDate)!,
        endDate: request.endDate === undefined ? undefined : parseInstant(request.endDate)!,
        organisations: await this.organisations.ofEach([request.memberOrganisationId, request.onBehalfOfOrganisationId]),
      }),
      context,
    );
    return { id: request.membershipId, position: decision.position };
  }
}
