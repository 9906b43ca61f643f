import { bodyDecider, bodyStreamId, organisationDecider, organisationStreamId, parseInstant, type BodyCommand, type OrganisationCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';
import { streamPart } from '../stream-decisions.js';

export interface DissolveBodyInput {
  dissolvedOn: string;
}

/**
 * Dissolves a body. A governing body dissolved while it governs also vacates its organisation's
 * governing body in the same change: neither is recorded without the other.
 */
export async function dissolveBody(ledger: LedgerCommands, bodyId: string, input: DissolveBodyInput, context: CommandContext): Promise<CommandAnswer> {
  const dissolvedOn = parseInstant(input.dissolvedOn)!;
  const dissolution = streamPart(bodyStreamId(bodyId), bodyDecider, (): BodyCommand => ({ type: 'DissolveBody', bodyId, dissolvedOn }));
  // A body's kind and organisation never change once it is established: read as last seen, they still hold.
  const { state: body } = await ledger.streams.load(bodyStreamId(bodyId), bodyDecider);
  if (body.status === 'unestablished' || body.kind !== 'governing-body' || !body.organisationId) {
    const [dissolved] = await ledger.streams.decideTogether([dissolution], context);
    return { id: bodyId, position: dissolved.position };
  }
  const organisationId = body.organisationId;
  const vacancy = streamPart(organisationStreamId(organisationId), organisationDecider, (organisation): OrganisationCommand | null =>
    organisation.status !== 'unregistered' && organisation.governingBodies.some((term) => term.bodyId === bodyId && term.until === null)
      ? { type: 'VacateGoverningBody', organisationId, bodyId, from: dissolvedOn }
      : null,
  );
  const [dissolved, vacated] = await ledger.streams.decideTogether([dissolution, vacancy], context);
  return { id: bodyId, position: vacated.events.length > 0 ? vacated.position : dissolved.position };
}
