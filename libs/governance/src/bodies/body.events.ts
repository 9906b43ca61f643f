import type { DomainEvent } from '../shared/decider.js';
import type { Instant } from '../shared/ledger-time.js';

/**
 * What kind of forum a body is (DESIGN.md §3). Which organisations a kind must name is decided in
 * `body.decider.ts`.
 */
export const BODY_KINDS = [
  'governing-body',
  'committee',
  'sub-committee',
  'joint-committee',
  'committee-in-common',
  'partnership-board',
  'officer-group',
  'scrutiny-committee',
  'advisory-board',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/**
 * A forum that decides, established on a date. `organisationId` is the organisation it belongs to
 * (or, for a body of several organisations, the one hosting it); `memberOrganisationIds` the
 * organisations that constitute a body of several (empty for a body of one).
 */
export type BodyEstablished = DomainEvent<
  'BodyEstablished',
  {
    bodyId: string;
    name: string;
    kind: BodyKind;
    organisationId: string | null;
    memberOrganisationIds: string[];
    establishedOn: Instant;
    termsOfReference: string | null;
  }
>;

/** The body ceases on a date. Its memberships still open then are ended by `MembershipEnded` events appended with it. */
export type BodyDissolved = DomainEvent<'BodyDissolved', { bodyId: string; dissolvedOn: Instant }>;

/** Who sits on a body: a person, or an organisation (a joint committee's member, a partner member). */
export type Member = { kind: 'person'; name: string } | { kind: 'organisation'; organisationId: string };

/**
 * Someone sits on the body from `startDate`: a person or an organisation (`member`), in a `role`
 * ('chair', 'vice-chair', 'member', 'non-voting member', 'partner member', …), possibly on behalf
 * of an organisation. `endDate` (exclusive) is the end of the term appointed, or null when
 * open-ended.
 *
 * Schema version 2. Version 1 named the member in two fields, `memberName` and
 * `memberOrganisationId`, exactly one of them set; `bodyCodec` reads it as version 2.
 */
export type MembershipStarted = DomainEvent<
  'MembershipStarted',
  {
    bodyId: string;
    membershipId: string;
    member: Member;
    role: string;
    onBehalfOfOrganisationId: string | null;
    startDate: Instant;
    endDate: Instant | null;
  }
>;

/** The membership ends at `endDate` (exclusive): resignation, end of a rotation, the body's dissolution, … */
export type MembershipEnded = DomainEvent<'MembershipEnded', { bodyId: string; membershipId: string; endDate: Instant; reason: string | null }>;

export type BodyEvent = BodyEstablished | BodyDissolved | MembershipStarted | MembershipEnded;

export const bodyStreamId = (bodyId: string) => `body-${bodyId}`;
