/**
 * The event store holds something the seal does not explain: an event added behind the seal, a
 * sealed event removed, altered or moved, or an event whose stream hash chain is broken. Not a
 * passing failure: whatever meets it stops loudly, saying what and where, and is not retried.
 */
export class LogIntegrityError extends Error {
  readonly code = 'log_integrity';

  constructor(
    message: string,
    /** The log position where it was found, when there is one. */
    readonly position: string | null = null,
  ) {
    super(message);
    this.name = 'LogIntegrityError';
  }
}

/** A checkpoint the ledger will not sign, because the sealed log does not extend the last one signed. */
export class RefusalToSignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusalToSignError';
  }
}
