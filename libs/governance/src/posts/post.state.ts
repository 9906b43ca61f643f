import type { Instant } from '../shared/ledger-time.js';

/** A person holding the post over `[startDate, endDate)`. */
export interface PostHolding {
  personName: string;
  startDate: Instant;
  /** Null while the holding is open. */
  endDate: Instant | null;
  /** Why it ended, when ended by `PostHoldingEnded` with a reason. */
  endReason: string | null;
}

export type PostState =
  | { status: 'uncreated' }
  | {
      status: 'created';
      postId: string;
      title: string;
      organisationId: string;
      /** Every holding, in order of start; they never overlap. */
      holdings: PostHolding[];
    };

export type CreatedPost = Exclude<PostState, { status: 'uncreated' }>;

/** Whether the holding runs at `at`: started, and not yet ended. */
export function holdingRunsAt(holding: PostHolding, at: Instant): boolean {
  return holding.startDate <= at && (holding.endDate === null || at < holding.endDate);
}

/** Who held the post at `at`, if anyone. */
export function holderAt(post: PostState, at: Instant): PostHolding | undefined {
  if (post.status === 'uncreated') return undefined;
  return post.holdings.find((holding) => holdingRunsAt(holding, at));
}

/** The holding with no end recorded, if any (there is at most one: holdings never overlap). */
export function openHolding(post: PostState): PostHolding | undefined {
  if (post.status === 'uncreated') return undefined;
  return post.holdings.find((holding) => holding.endDate === null);
}

/** Whether two holdings share an instant. */
export function holdingsOverlap(a: Pick<PostHolding, 'startDate' | 'endDate'>, b: Pick<PostHolding, 'startDate' | 'endDate'>): boolean {
  return (b.endDate === null || a.startDate < b.endDate) && (a.endDate === null || b.startDate < a.endDate);
}
