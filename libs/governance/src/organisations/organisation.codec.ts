import { EventCodec, instant, listOf, oneOf, orNull, text, yesNo } from '../shared/event-codec.js';
import { isScope } from '../shared/scope.js';
import { ORGANISATION_KINDS, type OrganisationEvent } from './organisation.events.js';

/** An organisation's stream, read from the store. */
export const organisationCodec = new EventCodec<OrganisationEvent>('organisation', {
  OrganisationRegistered: { schemaVersion: 1, fields: { organisationId: text, name: text, kind: oneOf(ORGANISATION_KINDS), functions: listOf(isScope), establishedOn: instant } },
  OrganisationDissolved: { schemaVersion: 1, fields: { organisationId: text, dissolvedOn: instant, successorId: orNull(text), transferDelegations: yesNo } },
  GoverningBodyDesignated: { schemaVersion: 1, fields: { organisationId: text, bodyId: text, from: instant } },
  GoverningBodyVacated: { schemaVersion: 1, fields: { organisationId: text, bodyId: text, from: instant } },
  OrganisationSucceeded: { schemaVersion: 1, fields: { organisationId: text, predecessorId: text, succeededOn: instant, transferDelegations: yesNo } },
});
