import type { DomainEvent } from '../shared/decider.js';
import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';

export const ORGANISATION_KINDS = [
  'local-authority',
  'icb',
  'ccg',
  'nhs-trust',
  'nhs-foundation-trust',
  'nhs-england',
  'gp-federation',
  'vcse',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  { organisationId: string; name: string; kind: OrganisationKind; functions: Scope[]; establishedOn: Instant }
>;

/** Dissolved on a date; its successor, if any, and whether the delegations it granted pass to it or lapse. */
export type OrganisationDissolved = DomainEvent<
  'OrganisationDissolved',
  { organisationId: string; dissolvedOn: Instant; successorId: string | null; transferDelegations: boolean }
>;

/** A governing body (Cabinet, ICB board, …) holds the organisation's plenary authority from a date. */
export type GoverningBodyDesignated = DomainEvent<'GoverningBodyDesignated', { organisationId: string; bodyId: string; from: Instant }>;

/** The governing body no longer holds the organisation's plenary authority from a date (it was dissolved). */
export type GoverningBodyVacated = DomainEvent<'GoverningBodyVacated', { organisationId: string; bodyId: string; from: Instant }>;

/** Recorded on the successor's stream when an organisation dissolved into it, so its authority can find the predecessor's scheme. */
export type OrganisationSucceeded = DomainEvent<
  'OrganisationSucceeded',
  { organisationId: string; predecessorId: string; succeededOn: Instant; transferDelegations: boolean }
>;

export type OrganisationEvent = OrganisationRegistered | OrganisationDissolved | GoverningBodyDesignated | GoverningBodyVacated | OrganisationSucceeded;

export const organisationStreamId = (organisationId: string) => `organisation-${organisationId}`;
