import { delegationIdDecider, delegationIdStreamId, parseInstant, schemeDecider, schemeStreamId, type SchemeCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';
import { streamPart } from '../stream-decisions.js';

export interface GrantDelegationInput {
  id: string;
  organisationId: string;
  fromId: string;
  toId: string;
  scopes: string[];
  limitPence?: number | null;
  effectiveFrom: string;
  effectiveUntil?: string | null;
  mayRedelegate: boolean;
  instrument: { title: string; reference?: string | null; url?: string | null };
  authorisedByProposalId?: string | null;
}

/**
 * Grants a delegation in its organisation's scheme. The scheme's rules are checked first (so that
 * their refusal is the one given), then the id's claim across all schemes and the grant are
 * decided on the streams' latest versions and appended as one change: a refusal or failure of
 * either records neither.
 */
export async function grantDelegation(ledger: LedgerCommands, input: GrantDelegationInput, context: CommandContext): Promise<CommandAnswer> {
  const grant = async (): Promise<SchemeCommand> => {
    const [{ sources }, holders] = await Promise.all([
      ledger.authority.of(input.organisationId),
      Promise.all([ledger.decisionMakers.holder(input.fromId), ledger.decisionMakers.holder(input.toId)]),
    ]);
    return {
      type: 'GrantDelegation',
      delegationId: input.id,
      organisationId: input.organisationId,
      fromId: input.fromId,
      toId: input.toId,
      scopes: input.scopes,
      limitPence: input.limitPence ?? null,
      effectiveFrom: parseInstant(input.effectiveFrom)!,
      effectiveUntil: input.effectiveUntil === undefined || input.effectiveUntil === null ? null : parseInstant(input.effectiveUntil)!,
      mayRedelegate: input.mayRedelegate,
      instrument: { title: input.instrument.title, reference: input.instrument.reference ?? null, url: input.instrument.url ?? null },
      authorisedByProposalId: input.authorisedByProposalId ?? null,
      organisation: sources.organisation,
      predecessors: sources.predecessors,
      holders,
    };
  };
  const scheme = await ledger.streams.loadForCommand(schemeStreamId(input.organisationId), schemeDecider, context);
  schemeDecider.decide(await grant(), scheme.state);
  const [, granted] = await ledger.streams.decideTogether(
    [
      streamPart(delegationIdStreamId(input.id), delegationIdDecider, () => ({ type: 'ClaimDelegationId', delegationId: input.id, organisationId: input.organisationId })),
      streamPart(schemeStreamId(input.organisationId), schemeDecider, () => grant()),
    ],
    context,
  );
  return { id: input.id, position: granted.position };
}
