import { bodyDecider, bodyStreamId, organisationDecider, organisationStreamId, parseInstant, type BodyCommand, type BodyKind, type OrganisationCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';
import { streamPart } from '../stream-decisions.js';

export interface EstablishBodyInput {
  id: string;
  name: string;
  kind: BodyKind;
  organisationId?: string;
  memberOrganisationIds?: string[];
  establishedOn: string;
  termsOfReference?: string;
}

/**
 * Establishes a body; a governing body also becomes its organisation's holder of plenary
 * authority on the organisation's stream, in the same change: both streams' rules are checked and
 * both are written together, so a refusal or failure of either records neither.
 */
export async function establishBody(ledger: LedgerCommands, input: EstablishBodyInput, context: CommandContext): Promise<CommandAnswer> {
  await ledger.decisionMakers.assertIdIsFree(input.id, context);
  const establishedOn = parseInstant(input.establishedOn)!;
  const establishment = streamPart(
    bodyStreamId(input.id),
    bodyDecider,
    async (): Promise<BodyCommand> => ({
      type: 'EstablishBody',
      bodyId: input.id,
      name: input.name,
      kind: input.kind,
      organisationId: input.organisationId,
      memberOrganisationIds: input.memberOrganisationIds,
      establishedOn,
      termsOfReference: input.termsOfReference,
      organisations: await ledger.organisations.ofEach([input.organisationId, ...(input.memberOrganisationIds ?? [])]),
    }),
  );
  const { organisationId } = input;
  if (input.kind !== 'governing-body' || !organisationId) {
    const [established] = await ledger.streams.decideTogether([establishment], context);
    return { id: input.id, position: established.position };
  }
  const designation = (): OrganisationCommand => ({ type: 'DesignateGoverningBody', organisationId, bodyId: input.id, from: establishedOn });
  // Checked first, so that its refusal is the one given: an organisation with a governing body already must not gain a second.
  const organisation = await ledger.streams.loadForCommand(organisationStreamId(organisationId), organisationDecider, context);
  if (organisation.state.status !== 'unregistered') organisationDecider.decide(designation(), organisation.state);
  const [, designated] = await ledger.streams.decideTogether([establishment, streamPart(organisationStreamId(organisationId), organisationDecider, designation)], context);
  return { id: input.id, position: designated.position };
}
