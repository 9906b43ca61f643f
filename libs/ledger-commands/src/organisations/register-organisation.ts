import { organisationDecider, organisationStreamId, parseInstant, type OrganisationCommand, type OrganisationKind } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface RegisterOrganisationInput {
  id: string;
  name: string;
  kind: OrganisationKind;
  functions: string[];
  establishedOn: string;
}

export async function registerOrganisation(ledger: LedgerCommands, input: RegisterOrganisationInput, context: CommandContext): Promise<CommandAnswer> {
  const decision = await ledger.streams.decide(
    organisationStreamId(input.id),
    organisationDecider,
    (): OrganisationCommand => ({
      type: 'RegisterOrganisation',
      organisationId: input.id,
      name: input.name,
      kind: input.kind,
      functions: input.functions,
      establishedOn: parseInstant(input.establishedOn)!,
    }),
    context,
  );
  return { id: input.id, position: decision.position };
}
