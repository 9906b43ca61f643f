import type { OrganisationFact } from '../shared/organisation-fact.js';
import type { Instant } from '../shared/ledger-time.js';

export interface CreatePost {
  type: 'CreatePost';
  postId: string;
  title: string;
  organisationId: string;
  /** The organisation as its stream shows it; the handler reads it. */
  organisation: OrganisationFact;
}

export interface RecordPostHolder {
  type: 'RecordPostHolder';
  postId: string;
  personName: string;
  startDate: Instant;
  endDate?: Instant;
  /** The post's organisation as its stream shows it; the handler reads it. */
  organisation: OrganisationFact;
}

/** The person holding the post with no end recorded leaves it (names them, so the wrong holding is never ended). */
export interface EndPostHolding {
  type: 'EndPostHolding';
  postId: string;
  personName: string;
  endDate: Instant;
  reason?: string;
}

export type PostCommand = CreatePost | RecordPostHolder | EndPostHolding;
