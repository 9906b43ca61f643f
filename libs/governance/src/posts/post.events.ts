import type { DomainEvent } from '../shared/decider.js';
import type { Instant } from '../shared/ledger-time.js';

/** An officer role of one organisation that can hold delegated authority (Director of Adult Social Services, …). */
export type PostCreated = DomainEvent<'PostCreated', { postId: string; title: string; organisationId: string }>;

/** A person holds the post over `[startDate, endDate)`; `endDate` is null while the holding is open. */
export type PostHolderRecorded = DomainEvent<'PostHolderRecorded', { postId: string; personName: string; startDate: Instant; endDate: Instant | null }>;

/** The open holding that began on `startDate` ends at `endDate` (exclusive). */
export type PostHoldingEnded = DomainEvent<
  'PostHoldingEnded',
  { postId: string; personName: string; startDate: Instant; endDate: Instant; reason: string | null }
>;

export type PostEvent = PostCreated | PostHolderRecorded | PostHoldingEnded;

export const postStreamId = (postId: string) => `post-${postId}`;
