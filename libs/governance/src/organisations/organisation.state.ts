import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import type { OrganisationKind } from './organisation.events.js';

/** A period in which a body held the organisation's plenary authority: `[from, until)`. */
export interface GoverningBodyTerm {
  bodyId: string;
  from: Instant;
  until: Instant | null;
}

export type OrganisationState =
  | { status: 'unregistered' }
  | {
      status: 'active' | 'dissolved';
      organisationId: string;
      name: string;
      kind: OrganisationKind;
      functions: Scope[];
      establishedOn: Instant;
      dissolution: { dissolvedOn: Instant; successorId: string | null; transferDelegations: boolean } | null;
      governingBodies: GoverningBodyTerm[];
      /** Organisations dissolved into this one, with whether their delegations transferred. */
      predecessors: { organisationId: string; succeededOn: Instant; transferDelegations: boolean }[];
    };

export type RegisteredOrganisation = Exclude<OrganisationState, { status: 'unregistered' }>;

/** Whether the organisation exists at `at`: established, and not yet dissolved. */
export function organisationExistsAt(organisation: OrganisationState, at: Instant): organisation is RegisteredOrganisation {
  if (organisation.status === 'unregistered') return false;
  return organisation.establishedOn <= at && (organisation.dissolution === null || at < organisation.dissolution.dissolvedOn);
}

/** The body holding the organisation's plenary authority at `at`, if any. */
export function governingBodyAt(organisation: OrganisationState, at: Instant): string | undefined {
  if (organisation.status === 'unregistered') return undefined;
  return organisation.governingBodies.find((term) => term.from <= at && (term.until === null || at < term.until))?.bodyId;
}
