/**
 * Whether a decision's authority still holds on what the ledger knows now: its recorded question
 * asked again. `since` says which event's recording made it lapse — a revocation recorded today
 * with an effective date before the decision, say — so both time axes are in the answer: the
 * reasons name the valid time (the effective dates), `since` the record time.
 */
export interface AuthorityNow {
  holds: boolean;
  /** Why it no longer holds, in plain English; empty while it holds. */
  reasons: string[];
  /** The event whose recording made it lapse; null while it holds (or when it never held). */
  since: AuthorityLapse | null;
}

/** The event on whose recording a decision's authority lapsed. */
export interface AuthorityLapse {
  position: string;
  recordedAt: string;
  streamId: string;
  streamVersion: number;
  type: string;
}
