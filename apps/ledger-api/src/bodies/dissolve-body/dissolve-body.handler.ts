import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { bodyDecider, bodyStreamId, organisationDecider, organisationStreamId, parseInstant, type BodyCommand, type OrganisationCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { DissolveBody } from './dissolve-body.command.js';

/** Dissolves a body; a governing body also stops holding its organisation's plenary authority. */
@CommandHandler(DissolveBody)
export class DissolveBodyHandler implements ICommandHandler<DissolveBody> {
  constructor(private readonly streams: StreamDecisions) {}

  async execute({ bodyId, request, context }: DissolveBody): Promise<CommandAnswer> {
    const dissolvedOn = parseInstant(request.dissolvedOn)!;
    const decision = await this.streams.decide(
      bodyStreamId(bodyId),
      bodyDecider,
      (): BodyCommand => ({ type: 'DissolveBody', bodyId, dissolvedOn }),
      context,
    );
    const body = decision.stream.state;
    if (body.status === 'unestablished' || body.kind !== 'governing-body' || !body.organisationId) return { id: bodyId, position: decision.position };
    const organisationId = body.organisationId;
    const vacated = await this.streams.decide(
      organisationStreamId(organisationId),
      organisationDecider,
      (organisation): OrganisationCommand | null =>
        organisation.status !== 'unregistered' && organisation.governingBodies.some((term) => term.bodyId === bodyId && term.until === null)
          ? { type: 'VacateGoverningBody', organisationId, bodyId, from: dissolvedOn }
          : null,
      context,
    );
    return { id: bodyId, position: vacated.events.length > 0 ? vacated.position : decision.position };
  }
}
