import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  bodyDecider,
  bodyStreamId,
  organisationDecider,
  organisationStreamId,
  parseInstant,
  type BodyCommand,
  type OrganisationCommand,
} from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { DeciderFacts } from '../../commands/decider-facts.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import { StreamDecisions, streamPart } from '../../commands/stream-decisions.js';
import { EstablishBody } from './establish-body.command.js';

/**
 * Establishes a body; a governing body also becomes its organisation's holder of plenary
 * authority on the organisation's stream, in the same append: both streams' rules are checked
 * and both are written in one change, so a refusal or failure of either records neither.
 */
@CommandHandler(EstablishBody)
export class EstablishBodyHandler implements ICommandHandler<EstablishBody> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly organisations: OrganisationFacts,
    private readonly deciders: DeciderFacts,
  ) {}

  async execute({ request, context }: EstablishBody): Promise<CommandAnswer> {
    await this.deciders.assertIdIsFree(request.id, context);
    const establishedOn = parseInstant(request.establishedOn)!;
    const designation = (): OrganisationCommand => ({
      type: 'DesignateGoverningBody',
      organisationId: request.organisationId!,
      bodyId: request.id,
      from: establishedOn,
    });
    if (request.kind === 'governing-body' && request.organisationId) {
      // Checked first: an organisation with a governing body already must not gain a second.
      const organisation = await this.streams.loadForCommand(organisationStreamId(request.organisationId), organisationDecider, context);
      if (organisation.state.status !== 'unregistered') organisationDecider.decide(designation(), organisation.state);
    }
    const establishment = streamPart(
      bodyStreamId(request.id),
      bodyDecider,
      async (): Promise<BodyCommand> => ({
        type: 'EstablishBody',
        bodyId: request.id,
        name: request.name,
        kind: request.kind,
        organisationId: request.organisationId,
        memberOrganisationIds: request.memberOrganisationIds,
        establishedOn,
        termsOfReference: request.termsOfReference,
        organisations: await this.organisations.ofEach([request.organisationId, ...(request.memberOrganisationIds ?? [])]),
      }),
    );
    if (request.kind !== 'governing-body' || !request.organisationId) {
      const [established] = await this.streams.decideTogether([establishment], context);
      return { id: request.id, position: established.position };
    }
    // The body and its designation are one change: both appended or neither.
    const [, designated] = await this.streams.decideTogether([establishment, streamPart(organisationStreamId(request.organisationId), organisationDecider, designation)], context);
    return { id: request.id, position: designated.position };
  }
}
