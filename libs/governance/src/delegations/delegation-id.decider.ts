import type { DomainEvent } from '../shared/decider.js';
import { AlreadyExistsError } from '../shared/domain-error.js';
import type { StreamRules } from '../shared/event-codec.js';
import { delegationIdCodec } from './scheme.codec.js';

/**
 * A delegation's id is claimed on a stream of its own, `delegation-{id}`, naming the scheme (the
 * organisation) that holds it: ids are unique across every scheme, and commands that address a
 * delegation by id alone (variations, suspensions, revocations) find its scheme there.
 */
export type DelegationIdClaimed = DomainEvent<'DelegationIdClaimed', { delegationId: string; organisationId: string }>;

export interface ClaimDelegationId {
  type: 'ClaimDelegationId';
  delegationId: string;
  organisationId: string;
}

export type DelegationIdState = { claimedBy: string | null };

export const delegationIdStreamId = (delegationId: string) => `delegation-${delegationId}`;

export const delegationIdDecider: StreamRules<ClaimDelegationId, DelegationIdClaimed, DelegationIdState> = {
  codec: delegationIdCodec,

  initialState: { claimedBy: null },

  decide(command, state) {
    if (state.claimedBy === command.organisationId) return []; // claimed before by a grant that did not complete: claim again
    if (state.claimedBy !== null) throw new AlreadyExistsError('delegation', command.delegationId);
    return [{ type: 'DelegationIdClaimed', data: { delegationId: command.delegationId, organisationId: command.organisationId } }];
  },

  evolve(_state, event) {
    return { claimedBy: event.data.organisationId };
  },
};
