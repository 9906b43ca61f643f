import type { Instant } from '../shared/ledger-time.js';
import type { BodyKind } from './body.events.js';
import type { OrganisationFact } from '../shared/organisation-fact.js';

export interface EstablishBody {
  type: 'EstablishBody';
  bodyId: string;
  name: string;
  kind: BodyKind;
  organisationId?: string;
  memberOrganisationIds?: string[];
  establishedOn: Instant;
  termsOfReference?: string;
  /** Every organisation the command names (organisationId and memberOrganisationIds), as their streams show them; the handler reads them. */
  organisations: OrganisationFact[];
}

export interface DissolveBody {
  type: 'DissolveBody';
  bodyId: string;
  dissolvedOn: Instant;
}

export interface StartMembership {
  type: 'StartMembership';
  bodyId: string;
  membershipId: string;
  memberName?: string;
  memberOrganisationId?: string;
  role: string;
  onBehalfOfOrganisationId?: string;
  startDate: Instant;
  endDate?: Instant;
  /** The organisations the command names (memberOrganisationId, onBehalfOfOrganisationId), as their streams show them; empty when it names none. */
  organisations: OrganisationFact[];
}

export interface EndMembership {
  type: 'EndMembership';
  bodyId: string;
  membershipId: string;
  endDate: Instant;
  reason?: string;
}

export type BodyCommand = EstablishBody | DissolveBody | StartMembership | EndMembership;
