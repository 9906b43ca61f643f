import { EventCodec, instant, listOf, oneOf, orNull, shaped, text, type FieldCheck } from '../shared/event-codec.js';
import { BODY_KINDS, type BodyEvent } from './body.events.js';

const member: FieldCheck = (value) => shaped({ kind: oneOf(['person']), name: text })(value) || shaped({ kind: oneOf(['organisation']), organisationId: text })(value);

/**
 * `MembershipStarted` version 1 named the member in two fields, exactly one of them set:
 * `memberName` for a person, `memberOrganisationId` for an organisation. Version 2 names it once,
 * as `member`, so that no event can name both or neither.
 */
export function membershipStartedV1ToV2({ memberName, memberOrganisationId, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return { ...rest, member: typeof memberName === 'string' ? { kind: 'person', name: memberName } : { kind: 'organisation', organisationId: memberOrganisationId } };
}

/** A body's stream, read from the store. */
export const bodyCodec = new EventCodec<BodyEvent>('body', {
  BodyEstablished: {
    schemaVersion: 1,
    fields: { bodyId: text, name: text, kind: oneOf(BODY_KINDS), organisationId: orNull(text), memberOrganisationIds: listOf(text), establishedOn: instant, termsOfReference: orNull(text) },
  },
  BodyDissolved: { schemaVersion: 1, fields: { bodyId: text, dissolvedOn: instant } },
  MembershipStarted: {
    schemaVersion: 2,
    fields: { bodyId: text, membershipId: text, member, role: text, onBehalfOfOrganisationId: orNull(text), startDate: instant, endDate: orNull(instant) },
    upcasters: { 1: membershipStartedV1ToV2 },
  },
  MembershipEnded: { schemaVersion: 1, fields: { bodyId: text, membershipId: text, endDate: instant, reason: orNull(text) } },
});
