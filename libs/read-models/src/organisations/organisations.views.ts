/**
 * The answers of the organisation, body and post reads (API.md "Reads"), as plain objects ready
 * to send. Instants are UTC ISO strings (`2022-06-30T23:00:00.000Z`); windows are
 * `[start, end)`, the end exclusive and null while open.
 */

/** How an organisation ended: on a date, into a successor or none, its delegations passing on or lapsing. */
export interface DissolutionView {
  dissolvedOn: string;
  successorId: string | null;
  transferDelegations: boolean;
}

/** An organisation as `GET /v1/organisations` lists it. */
export interface OrganisationSummaryView {
  id: string;
  name: string;
  kind: string;
  functions: string[];
  establishedOn: string;
  dissolution: DissolutionView | null;
}

/** A body that held the organisation's plenary authority over `[from, until)`. */
export interface GoverningBodyTermView {
  bodyId: string;
  name: string;
  from: string;
  until: string | null;
}

export interface SuccessorView {
  id: string;
  name: string;
}

/** An organisation that dissolved into this one. */
export interface PredecessorView {
  id: string;
  name: string;
  succeededOn: string;
  transferDelegations: boolean;
}

export interface PostSummaryView {
  id: string;
  title: string;
  organisationId: string;
}

/** `GET /v1/organisations/{id}`. */
export interface OrganisationView extends OrganisationSummaryView {
  successor: SuccessorView | null;
  predecessors: PredecessorView[];
  governingBodies: GoverningBodyTermView[];
  /** Every body naming the organisation, as its own or host, or as a member organisation. */
  bodies: BodySummaryView[];
  posts: PostSummaryView[];
}

/** A body as `GET /v1/bodies` lists it. */
export interface BodySummaryView {
  id: string;
  name: string;
  kind: string;
  /** The organisation it belongs to, or the host of a body of several. */
  organisationId: string | null;
  memberOrganisationIds: string[];
  establishedOn: string;
  dissolvedOn: string | null;
}

/** A term for which the body was an organisation's governing body. */
export interface GoverningTermView {
  organisationId: string;
  from: string;
  until: string | null;
}

/**
 * A seat on a body over `[startDate, endDate)`: a person (`memberName`) or an organisation
 * (`memberOrganisationId`), possibly on behalf of an organisation. `endDate` is the appointed end
 * until the membership is ended; `ended` then says why (null: it ran, or runs, as appointed).
 */
export interface MembershipView {
  membershipId: string;
  memberName: string | null;
  memberOrganisationId: string | null;
  role: string;
  onBehalfOfOrganisationId: string | null;
  startDate: string;
  endDate: string | null;
  ended: { reason: string | null } | null;
}

/** `GET /v1/bodies/{id}?at`. */
export interface BodyView extends BodySummaryView {
  termsOfReference: string | null;
  governs: GoverningTermView[];
  /** The instant `members` answers for. */
  at: string;
  /** Who sat on the body at `at`, by start. */
  members: MembershipView[];
  /** Every membership, by start. */
  history: MembershipView[];
}

/** Who held a post over `[startDate, endDate)`; `ended` as for a membership. */
export interface HoldingView {
  personName: string;
  startDate: string;
  endDate: string | null;
  ended: { reason: string | null } | null;
}

/** `GET /v1/posts/{id}?at` (an addition to API.md). */
export interface PostView extends PostSummaryView {
  at: string;
  /** Who held the post at `at`; null when nobody did. */
  holder: HoldingView | null;
  /** Every holding, by start. */
  holders: HoldingView[];
}
