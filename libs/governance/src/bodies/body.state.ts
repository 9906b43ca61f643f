import type { Instant } from '../shared/ledger-time.js';
import type { BodyKind, Member } from './body.events.js';

/** Who sat on a body, in what role, over `[startDate, endDate)`. */
export interface Membership {
  membershipId: string;
  member: Member;
  role: string;
  onBehalfOfOrganisationId: string | null;
  startDate: Instant;
  /** When it ends (exclusive): the term appointed or the date it was ended; null while open-ended. */
  endDate: Instant | null;
  /** Set once the membership has been ended (`MembershipEnded`), with the reason if one was given. */
  ended: { reason: string | null } | null;
}

export type BodyState =
  | { status: 'unestablished' }
  | {
      status: 'active' | 'dissolved';
      bodyId: string;
      name: string;
      kind: BodyKind;
      organisationId: string | null;
      memberOrganisationIds: string[];
      establishedOn: Instant;
      termsOfReference: string | null;
      dissolvedOn: Instant | null;
      /** Every membership ever recorded, in the order recorded. */
      memberships: Membership[];
    };

export type EstablishedBody = Exclude<BodyState, { status: 'unestablished' }>;

/** Whether the body exists at `at`: established, and not yet dissolved. */
export function bodyExistsAt(body: BodyState, at: Instant): body is EstablishedBody {
  if (body.status === 'unestablished') return false;
  return body.establishedOn <= at && (body.dissolvedOn === null || at < body.dissolvedOn);
}

/** Whether the membership runs at `at`: started, and not yet ended. */
export function membershipRunsAt(membership: Membership, at: Instant): boolean {
  return membership.startDate <= at && (membership.endDate === null || at < membership.endDate);
}

/** Who sat on the body at `at` (nobody sits on a body that does not exist then), in order of start. */
export function membersAt(body: BodyState, at: Instant): Membership[] {
  if (!bodyExistsAt(body, at)) return [];
  return membershipHistory(body).filter((membership) => membershipRunsAt(membership, at));
}

/** Every membership the body has had, ended ones included, in order of start (then of id). */
export function membershipHistory(body: BodyState): Membership[] {
  if (body.status === 'unestablished') return [];
  return [...body.memberships].sort(
    (a, b) => compare(a.startDate, b.startDate) || compare(a.membershipId, b.membershipId),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
