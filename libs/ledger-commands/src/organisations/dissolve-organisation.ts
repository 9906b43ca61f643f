import { organisationDecider, organisationStreamId, parseInstant, type OrganisationCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';
import { streamPart } from '../stream-decisions.js';

export interface DissolveOrganisationInput {
  dissolvedOn: string;
  successorId?: string;
  transferDelegations: boolean;
}

/**
 * Dissolves an organisation. With a successor, the successor learns of its predecessor (so that
 * its authority can count transferred delegations) in the same change as the dissolution: neither
 * is recorded without the other.
 */
export async function dissolveOrganisation(ledger: LedgerCommands, organisationId: string, input: DissolveOrganisationInput, context: CommandContext): Promise<CommandAnswer> {
  const dissolvedOn = parseInstant(input.dissolvedOn)!;
  const dissolution = streamPart(
    organisationStreamId(organisationId),
    organisationDecider,
    async (): Promise<OrganisationCommand> => ({
      type: 'DissolveOrganisation',
      organisationId,
      dissolvedOn,
      transferDelegations: input.transferDelegations,
      successor: input.successorId ? await ledger.organisations.of(input.successorId) : undefined,
    }),
  );
  const { successorId } = input;
  if (!successorId) {
    const [dissolved] = await ledger.streams.decideTogether([dissolution], context);
    return { id: organisationId, position: dissolved.position };
  }
  const succession = streamPart(
    organisationStreamId(successorId),
    organisationDecider,
    (): OrganisationCommand => ({ type: 'RecordSuccession', organisationId: successorId, predecessorId: organisationId, succeededOn: dissolvedOn, transferDelegations: input.transferDelegations }),
  );
  const [dissolved, succeeded] = await ledger.streams.decideTogether([dissolution, succession], context);
  return { id: organisationId, position: succeeded.events.length > 0 ? succeeded.position : dissolved.position };
}
