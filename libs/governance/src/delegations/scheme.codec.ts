import { EventCodec, instant, listOf, orNull, shaped, text, whole, yesNo, type FieldCheck } from '../shared/event-codec.js';
import { isScope } from '../shared/scope.js';
import type { DelegationIdClaimed } from './delegation-id.decider.js';
import type { DelegationTermChange, SchemeEvent } from './scheme.events.js';

const TERM_CHECKS: Record<DelegationTermChange['term'], FieldCheck> = { scopes: listOf(isScope), limitPence: orNull(whole), effectiveUntil: orNull(instant), mayRedelegate: yesNo };
const namesATerm = shaped({ term: (term) => typeof term === 'string' && term in TERM_CHECKS });
const termChange: FieldCheck = (value) => namesATerm(value) && TERM_CHECKS[(value as DelegationTermChange).term]((value as DelegationTermChange).to);
const change = { delegationId: text, organisationId: text, effectiveFrom: instant, reason: text };

/** A scheme of delegation's stream, read from the store. */
export const schemeCodec = new EventCodec<SchemeEvent>('scheme', {
  DelegationGranted: {
    schemaVersion: 1,
    fields: {
      delegationId: text,
      organisationId: text,
      fromId: text,
      toId: text,
      scopes: listOf(isScope),
      limitPence: orNull(whole),
      effectiveFrom: instant,
      effectiveUntil: orNull(instant),
      mayRedelegate: yesNo,
      instrument: shaped({ title: text, reference: orNull(text), url: orNull(text) }),
      authorisedByProposalId: orNull(text),
    },
  },
  DelegationVaried: { schemaVersion: 1, fields: { ...change, changes: listOf(termChange) } },
  DelegationSuspended: { schemaVersion: 1, fields: change },
  DelegationReinstated: { schemaVersion: 1, fields: change },
  DelegationRevoked: { schemaVersion: 1, fields: change },
});

/** A delegation id's claim, read from the store. */
export const delegationIdCodec = new EventCodec<DelegationIdClaimed>('delegation id', {
  DelegationIdClaimed: { schemaVersion: 1, fields: { delegationId: text, organisationId: text } },
});
