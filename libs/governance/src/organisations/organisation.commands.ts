import type { Instant } from '../shared/ledger-time.js';
import type { OrganisationFact } from '../shared/organisation-fact.js';
import type { Scope } from '../shared/scope.js';
import type { OrganisationKind } from './organisation.events.js';

export interface RegisterOrganisation {
  type: 'RegisterOrganisation';
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  functions: Scope[];
  establishedOn: Instant;
}

export interface DissolveOrganisation {
  type: 'DissolveOrganisation';
  organisationId: string;
  dissolvedOn: Instant;
  transferDelegations: boolean;
  /** The successor as its own stream shows it; the handler reads it. Absent when none is named. */
  successor?: OrganisationFact;
}

export interface DesignateGoverningBody {
  type: 'DesignateGoverningBody';
  organisationId: string;
  bodyId: string;
  from: Instant;
}

export interface VacateGoverningBody {
  type: 'VacateGoverningBody';
  organisationId: string;
  bodyId: string;
  from: Instant;
}

/** The successor learns of its predecessor (the handler of `DissolveOrganisation` sends it). */
export interface RecordSuccession {
  type: 'RecordSuccession';
  organisationId: string;
  predecessorId: string;
  succeededOn: Instant;
  transferDelegations: boolean;
}

export type OrganisationCommand = RegisterOrganisation | DissolveOrganisation | DesignateGoverningBody | VacateGoverningBody | RecordSuccession;
