import { unreachable, type DelegationTermChange, type Instant, type Instrument, type RecordedDelegation, type SchemeEvent, type Suspension } from '@ledger/governance';

/**
 * A delegation as the read model keeps it, folded from its events by `foldDelegation`: its own
 * shape, not the scheme's state. The domain's valid-time rules (`termsAt`, `suspensionAt`, …) read
 * it as a `RecordedDelegation`.
 */
export interface DelegationRecord extends RecordedDelegation {
  delegationId: string;
  organisationId: string;
  fromId: string;
  toId: string;
  variations: { effectiveFrom: Instant; reason: string; changes: DelegationTermChange[] }[];
  suspensions: Suspension[];
  instrument: Instrument;
  authorisedByProposalId: string | null;
}

/**
 * One event of a delegation folded into the read model's record of it; null until it is granted.
 * Every event type is named, so a new one fails to compile here until the read model says what it
 * makes of it.
 */
export function foldDelegation(record: DelegationRecord | null, event: SchemeEvent): DelegationRecord | null {
  if (event.type === 'DelegationGranted') {
    const { delegationId, organisationId, fromId, toId, scopes, limitPence, effectiveFrom, effectiveUntil, mayRedelegate, instrument, authorisedByProposalId } = event.data;
    return {
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
  }
  if (record === null) return null;
  switch (event.type) {
    case 'DelegationVaried': {
      // In valid-time order: after every variation effective by the same date, as the terms apply them.
      const { effectiveFrom, reason, changes } = event.data;
      const later = record.variations.findIndex((variation) => variation.effectiveFrom > effectiveFrom);
      const at = later === -1 ? record.variations.length : later;
      return { ...record, variations: [...record.variations.slice(0, at), { effectiveFrom, reason, changes }, ...record.variations.slice(at)] };
    }
    case 'DelegationSuspended':
      return { ...record, suspensions: [...record.suspensions, { from: event.data.effectiveFrom, until: null, reason: event.data.reason, reinstatementReason: null }] };
    case 'DelegationReinstated':
      return {
        ...record,
        suspensions: record.suspensions.map((suspension) => (suspension.until === null ? { ...suspension, until: event.data.effectiveFrom, reinstatementReason: event.data.reason } : suspension)),
      };
    case 'DelegationRevoked':
      return { ...record, revocation: { effectiveFrom: event.data.effectiveFrom, reason: event.data.reason } };
    default:
      return unreachable(event);
  }
}
