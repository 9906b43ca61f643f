import { answerFor, organisationReasons } from '../authority/check-authority.js';
import { delegationsAt } from '../authority/delegation-chains.js';
import { NoAuthorityError } from '../authority/no-authority-error.js';
import type { OrganisationState, RegisteredOrganisation } from '../organisations/organisation.state.js';
import { governingBodyAt, organisationExistsAt } from '../organisations/organisation.state.js';
import { unreachable } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import type { Instant } from '../shared/ledger-time.js';
import { londonDate } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import { isScope, scopesCover, uncoveredScopes } from '../shared/scope.js';
import type { GrantDelegation, HolderFacts, SchemeCommand, SchemeFacts, VaryDelegation } from './scheme.commands.js';
import type { DelegationTermChange, SchemeEvent } from './scheme.events.js';
import type { Delegation, DelegationTerms, SchemeState } from './scheme.state.js';
import { applyChanges, emptyScheme, openSuspension, termsAt } from './scheme.state.js';
import type { StreamRules } from '../shared/event-codec.js';
import { schemeCodec } from './scheme.codec.js';

/**
 * The rules of an organisation's scheme of delegation: delegations granted, varied, suspended,
 * reinstated and revoked, each from an effective date that may lie in the past.
 */
export const schemeDecider: StreamRules<SchemeCommand, SchemeEvent, SchemeState> = {
  codec: schemeCodec,

  initialState: emptyScheme,

  decide(command, state) {
    switch (command.type) {
      case 'GrantDelegation': {
        if (state.delegations.has(command.delegationId)) throw new AlreadyExistsError('delegation', command.delegationId);
        const organisation = registered(command.organisation, command.organisationId);
        if (command.fromId === command.toId) throw new InvalidCommandError('A delegation passes authority from one holder to another: fromId and toId must differ.', 'toId');
        checkScopes(command.scopes, organisation, 'scopes');
        checkLimit(command.limitPence);
        if (command.effectiveUntil !== null && command.effectiveUntil <= command.effectiveFrom) {
          throw new InvalidCommandError('effectiveUntil must be after effectiveFrom.', 'effectiveUntil');
        }
        if (!organisationExistsAt(command.organisation, command.effectiveFrom)) {
          throw new InvalidTransitionError(`Organisation ${organisation.organisationId} does not exist on ${londonDate(command.effectiveFrom)}.`);
        }
        checkHolder(command, command.fromId, 'fromId');
        checkHolder(command, command.toId, 'toId');
        checkMayPassOn(command, state, { scopes: command.scopes, limitPence: command.limitPence, from: command.effectiveFrom, fromId: command.fromId });
        return [
          {
            type: 'DelegationGranted',
            data: {
              delegationId: command.delegationId,
              organisationId: organisation.organisationId,
              fromId: command.fromId,
              toId: command.toId,
              scopes: command.scopes,
              limitPence: command.limitPence,
              effectiveFrom: command.effectiveFrom,
              effectiveUntil: command.effectiveUntil,
              mayRedelegate: command.mayRedelegate,
              instrument: { title: command.instrument.title, reference: command.instrument.reference ?? null, url: command.instrument.url ?? null },
              authorisedByProposalId: command.authorisedByProposalId,
            },
          },
        ];
      }

      case 'VaryDelegation': {
        const delegation = found(state, command.delegationId);
        const organisation = registered(command.organisation, delegation.organisationId);
        const changes = termChanges(command);
        if (changes.length === 0) throw new InvalidCommandError('A variation changes at least one of scopes, limitPence, effectiveUntil and mayRedelegate.');
        notBefore(delegation, command.effectiveFrom, 'varied');
        notRevokedBy(delegation, command.effectiveFrom, 'varied');
        for (const change of changes) {
          if (change.term === 'scopes') checkScopes(change.to, organisation, 'scopes');
          if (change.term === 'limitPence') checkLimit(change.to);
          if (change.term === 'effectiveUntil' && change.to !== null && change.to < command.effectiveFrom) {
            throw new InvalidCommandError('effectiveUntil cannot be before the variation takes effect; backdate the variation instead.', 'effectiveUntil');
          }
          if (change.term === 'effectiveUntil' && change.to !== null && change.to <= delegation.effectiveFrom) {
            throw new InvalidCommandError('effectiveUntil must be after the delegation took effect.', 'effectiveUntil');
          }
        }
        const before = termsAt(delegation, command.effectiveFrom);
        const after = applyChanges(before, changes);
        if (widens(before, after)) {
          checkMayPassOn(command, state, { scopes: after.scopes, limitPence: after.limitPence, from: command.effectiveFrom, fromId: delegation.fromId });
        }
        return [
          {
            type: 'DelegationVaried',
            data: { delegationId: delegation.delegationId, organisationId: delegation.organisationId, effectiveFrom: command.effectiveFrom, reason: command.reason, changes },
          },
        ];
      }

      case 'SuspendDelegation': {
        const delegation = found(state, command.delegationId);
        notBefore(delegation, command.effectiveFrom, 'suspended');
        notRevokedBy(delegation, command.effectiveFrom, 'suspended');
        const open = openSuspension(delegation);
        if (open) throw new InvalidTransitionError(`Delegation ${delegation.delegationId} is already suspended with effect from ${londonDate(open.from)}.`);
        const last = delegation.suspensions.at(-1);
        if (last?.until && command.effectiveFrom < last.until) {
          throw new InvalidTransitionError(
            `Delegation ${delegation.delegationId} was suspended from ${londonDate(last.from)} until ${londonDate(last.until)}; a new suspension cannot begin before that ended.`,
          );
        }
        const { delegationId, organisationId } = delegation;
        return [{ type: 'DelegationSuspended', data: { delegationId, organisationId, effectiveFrom: command.effectiveFrom, reason: command.reason } }];
      }

      case 'ReinstateDelegation': {
        const delegation = found(state, command.delegationId);
        const open = openSuspension(delegation);
        if (!open) throw new InvalidTransitionError(`Delegation ${delegation.delegationId} is not suspended.`);
        if (command.effectiveFrom <= open.from) {
          throw new InvalidCommandError(`A reinstatement takes effect after the suspension did (${londonDate(open.from)}).`, 'effectiveFrom');
        }
        notRevokedBy(delegation, command.effectiveFrom, 'reinstated');
        const { delegationId, organisationId } = delegation;
        return [{ type: 'DelegationReinstated', data: { delegationId, organisationId, effectiveFrom: command.effectiveFrom, reason: command.reason } }];
      }

      case 'RevokeDelegation': {
        const delegation = found(state, command.delegationId);
        if (delegation.revocation) {
          throw new InvalidTransitionError(`Delegation ${delegation.delegationId} was already revoked with effect from ${londonDate(delegation.revocation.effectiveFrom)}.`);
        }
        notBefore(delegation, command.effectiveFrom, 'revoked');
        const { delegationId, organisationId } = delegation;
        return [{ type: 'DelegationRevoked', data: { delegationId, organisationId, effectiveFrom: command.effectiveFrom, reason: command.reason } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'DelegationGranted': {
        const { delegationId, organisationId, fromId, toId, scopes, limitPence, effectiveFrom, effectiveUntil, mayRedelegate, instrument, authorisedByProposalId } = event.data;
        const delegation: Delegation = {
          delegationId,
          organisationId,
          fromId,
          toId,
          effectiveFrom,
          granted: { scopes, limitPence, effectiveUntil, mayRedelegate },
          variations: [],
          suspensions: [],
          revocation: null,
          instrument,
          authorisedByProposalId,
        };
        return {
          delegations: state.delegations.set(delegationId, delegation),
          delegationIdsByHolder: state.delegationIdsByHolder.set(toId, [...(state.delegationIdsByHolder.get(toId) ?? []), delegationId]),
        };
      }
      case 'DelegationVaried':
        return update(state, event.data.delegationId, (delegation) => {
          const { effectiveFrom, reason, changes } = event.data;
          const at = delegation.variations.findIndex((variation) => variation.effectiveFrom > effectiveFrom);
          const variations = [...delegation.variations];
          variations.splice(at === -1 ? variations.length : at, 0, { effectiveFrom, reason, changes });
          return { ...delegation, variations };
        });
      case 'DelegationSuspended':
        return update(state, event.data.delegationId, (delegation) => ({
          ...delegation,
          suspensions: [...delegation.suspensions, { from: event.data.effectiveFrom, until: null, reason: event.data.reason, reinstatementReason: null }],
        }));
      case 'DelegationReinstated':
        return update(state, event.data.delegationId, (delegation) => ({
          ...delegation,
          suspensions: delegation.suspensions.map((suspension) =>
            suspension.until === null ? { ...suspension, until: event.data.effectiveFrom, reinstatementReason: event.data.reason } : suspension,
          ),
        }));
      case 'DelegationRevoked':
        return update(state, event.data.delegationId, (delegation) => ({
          ...delegation,
          revocation: { effectiveFrom: event.data.effectiveFrom, reason: event.data.reason },
        }));
      default:
        return unreachable(event);
    }
  },
};

function update(state: SchemeState, delegationId: string, change: (delegation: Delegation) => Delegation): SchemeState {
  const delegation = state.delegations.get(delegationId);
  if (!delegation) return state;
  return { ...state, delegations: state.delegations.set(delegationId, change(delegation)) };
}

function found(state: SchemeState, delegationId: string): Delegation {
  const delegation = state.delegations.get(delegationId);
  if (!delegation) throw new NotFoundError('delegation', delegationId);
  return delegation;
}

function registered(organisation: OrganisationState, organisationId: string): RegisteredOrganisation {
  if (organisation.status === 'unregistered') throw new NotFoundError('organisation', organisationId);
  if (organisation.organisationId !== organisationId) {
    throw new InvalidCommandError(`The scheme of ${organisationId} was given the organisation ${organisation.organisationId}.`, 'organisationId');
  }
  return organisation;
}

function checkScopes(scopes: readonly Scope[], organisation: RegisteredOrganisation, field: string): void {
  if (scopes.length === 0) throw new InvalidCommandError('A delegation covers at least one scope.', field);
  const malformed = scopes.filter((scope) => !isScope(scope));
  if (malformed.length > 0) throw new InvalidCommandError(`${malformed.join(', ')} is not a scope.`, field);
  const duplicates = scopes.filter((scope, index) => scopes.indexOf(scope) !== index);
  if (duplicates.length > 0) throw new InvalidCommandError(`scopes lists ${duplicates.join(', ')} more than once.`, field);
  const foreign = uncoveredScopes(organisation.functions, scopes);
  if (foreign.length > 0) {
    throw new InvalidCommandError(`${foreign.join(', ')} ${foreign.length === 1 ? 'is not a function' : 'are not functions'} of ${organisation.organisationId}.`, field);
  }
}

function checkLimit(limitPence: number | null): void {
  if (limitPence !== null && !(Number.isSafeInteger(limitPence) && limitPence >= 0)) {
    throw new InvalidCommandError('limitPence is a whole number of pence, 0 or more, or null for no limit.', 'limitPence');
  }
}

function checkHolder(command: GrantDelegation, holderId: string, field: 'fromId' | 'toId'): void {
  const holder: HolderFacts | undefined = command.holders.find((candidate) => candidate.id === holderId);
  if (!holder || !holder.exists) throw new NotFoundError('body or post', holderId);
  const what = holder.kind === 'body' ? 'Body' : 'Post';
  if (holder.establishedOn !== undefined && command.effectiveFrom < holder.establishedOn) {
    throw new InvalidTransitionError(`${what} ${holderId} (${field}) is not established until ${londonDate(holder.establishedOn)}.`);
  }
  if (holder.dissolvedOn !== undefined && command.effectiveFrom >= holder.dissolvedOn) {
    throw new InvalidTransitionError(`${what} ${holderId} (${field}) was dissolved on ${londonDate(holder.dissolvedOn)}.`);
  }
}

/**
 * A delegate may pass on only what it holds, and only if allowed to: unless the giver is the
 * organisation's governing body at the date, it must hold every scope with at least the limit
 * (no limit, for an unlimited delegation) through a chain whose last link allows further delegation.
 */
function checkMayPassOn(facts: SchemeFacts, state: SchemeState, grant: { scopes: Scope[]; limitPence: number | null; from: Instant; fromId: string }): void {
  const view = delegationsAt({ organisation: facts.organisation, scheme: state, predecessors: facts.predecessors }, grant.from);
  if (grant.fromId === governingBodyAt(facts.organisation, grant.from)) return;
  const organisationId = view.organisation?.organisationId ?? '';
  const reasons = organisationReasons(view, organisationId, grant.scopes);
  const authority =
    reasons.length > 0
      ? { allowed: false, chains: [], reasons }
      : answerFor(view, grant.fromId, { scopes: grant.scopes, amount: grant.limitPence ?? 'unlimited', holderMayRedelegate: true });
  if (!authority.allowed) {
    throw new NoAuthorityError(`${grant.fromId} may not delegate ${grant.scopes.join(', ')} for ${organisationId} on ${londonDate(grant.from)}`, authority);
  }
}

function termChanges(command: VaryDelegation): DelegationTermChange[] {
  const changes: DelegationTermChange[] = [];
  if (command.scopes !== undefined) changes.push({ term: 'scopes', to: command.scopes });
  if (command.limitPence !== undefined) changes.push({ term: 'limitPence', to: command.limitPence });
  if (command.effectiveUntil !== undefined) changes.push({ term: 'effectiveUntil', to: command.effectiveUntil });
  if (command.mayRedelegate !== undefined) changes.push({ term: 'mayRedelegate', to: command.mayRedelegate });
  return changes;
}

/**
 * Whether new terms pass on more than the old: a scope not covered before, a higher limit or none,
 * a later end or none, or leave to delegate further. Narrowing needs no authority from the giver.
 */
function widens(before: DelegationTerms, after: DelegationTerms): boolean {
  if (!scopesCover(before.scopes, after.scopes)) return true;
  if (before.limitPence !== null && (after.limitPence === null || after.limitPence > before.limitPence)) return true;
  if (before.effectiveUntil !== null && (after.effectiveUntil === null || after.effectiveUntil > before.effectiveUntil)) return true;
  return after.mayRedelegate && !before.mayRedelegate;
}

function notBefore(delegation: Delegation, effectiveFrom: Instant, what: string): void {
  if (effectiveFrom < delegation.effectiveFrom) {
    throw new InvalidCommandError(
      `Delegation ${delegation.delegationId} took effect on ${londonDate(delegation.effectiveFrom)}; it cannot be ${what} from before then.`,
      'effectiveFrom',
    );
  }
}

function notRevokedBy(delegation: Delegation, effectiveFrom: Instant, what: string): void {
  if (delegation.revocation && effectiveFrom >= delegation.revocation.effectiveFrom) {
    throw new InvalidTransitionError(
      `Delegation ${delegation.delegationId} was revoked with effect from ${londonDate(delegation.revocation.effectiveFrom)}; it cannot be ${what} from then on.`,
    );
  }
}
