import { delegationIdDecider, delegationIdStreamId, NotFoundError, parseInstant, schemeDecider, schemeStreamId, type SchemeCommand } from '@ledger/governance';
import type { CommandAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface DelegationChangeInput {
  effectiveFrom: string;
  reason: string;
}

export interface DelegationVariationInput extends DelegationChangeInput {
  scopes?: string[];
  limitPence?: number | null;
  effectiveUntil?: string | null;
  mayRedelegate?: boolean;
}

/** A change to a delegation in force, from an effective date: a variation of its terms, a suspension, a reinstatement or its revocation. */
export type DelegationChange =
  | { kind: 'VaryDelegation'; request: DelegationVariationInput }
  | { kind: 'SuspendDelegation' | 'ReinstateDelegation' | 'RevokeDelegation'; request: DelegationChangeInput };

export async function changeDelegation(ledger: LedgerCommands, delegationId: string, change: DelegationChange, context: CommandContext): Promise<CommandAnswer> {
  const { state: claim } = await ledger.streams.load(delegationIdStreamId(delegationId), delegationIdDecider);
  if (claim.claimedBy === null) throw new NotFoundError('delegation', delegationId);
  const organisationId = claim.claimedBy;
  const common = { delegationId, organisationId, effectiveFrom: parseInstant(change.request.effectiveFrom)!, reason: change.request.reason };
  const decision = await ledger.streams.decide(
    schemeStreamId(organisationId),
    schemeDecider,
    async (): Promise<SchemeCommand> => {
      if (change.kind !== 'VaryDelegation') return { type: change.kind, ...common };
      const { sources } = await ledger.authority.of(organisationId);
      const { scopes, limitPence, effectiveUntil, mayRedelegate } = change.request;
      return {
        type: 'VaryDelegation',
        ...common,
        scopes,
        limitPence,
        effectiveUntil: effectiveUntil === undefined || effectiveUntil === null ? effectiveUntil : parseInstant(effectiveUntil)!,
        mayRedelegate,
        organisation: sources.organisation,
        predecessors: sources.predecessors,
      };
    },
    context,
  );
  return { id: delegationId, position: decision.position };
}
