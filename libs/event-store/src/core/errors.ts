/** Every refusal of the event store: a stable `code` the edge turns into a problem response. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class VersionConflictError extends EventStoreError {
  readonly code = 'version_conflict';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} was expected at ${expected} but is at version ${actual}.`);
  }
}

export class InvalidStreamIdError extends EventStoreError {
  readonly code = 'invalid_stream_id';
  constructor(readonly streamId: unknown) {
    super(
      `Stream id ${JSON.stringify(streamId)} is not valid: use 1–200 characters of letters, digits and "-_.:@/", starting with a letter or digit.`,
    );
  }
}

export class EmptyAppendError extends EventStoreError {
  readonly code = 'empty_append';
  constructor(readonly streamId: string) {
    super(`An append to ${streamId} must carry at least one event.`);
  }
}

export class InvalidExpectedVersionError extends EventStoreError {
  readonly code = 'invalid_expected_version';
  constructor(readonly expectedVersion: unknown) {
    super(
      `Expected version ${JSON.stringify(expectedVersion)} is not one of "no-stream", "stream-exists", "any" or a whole number ≥ 0.`,
    );
  }
}

export class InvalidEventError extends EventStoreError {
  readonly code = 'invalid_event';
  constructor(
    readonly index: number,
    readonly problem: string,
  ) {
    super(`Event ${index}: ${problem}`);
  }
}

export class PayloadTooLargeError extends EventStoreError {
  readonly code = 'payload_too_large';
  constructor(
    readonly index: number,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`Event ${index} is ${bytes} bytes once canonicalised; the limit is ${limit} bytes.`);
  }
}

/** An append larger than the event store takes at once (EventStoreDB's MaxAppendSize). */
export class AppendTooLargeError extends EventStoreError {
  readonly code = 'payload_too_large';
  constructor(
    readonly streamId: string,
    readonly limit: number,
  ) {
    super(`The append to ${streamId} is larger than the event store takes at once (${limit} bytes); nothing was appended.`);
  }
}

export class NonJsonValueError extends EventStoreError {
  readonly code = 'non_json_value';
  constructor(
    readonly index: number,
    readonly problem: string,
  ) {
    super(`Event ${index} holds a value JSON cannot carry faithfully: ${problem}.`);
  }
}

/** Some, but not all, of an append's event ids are already in the stream: not a clean retry. */
export class PartialDuplicateAppendError extends EventStoreError {
  readonly code = 'partial_duplicate_append';
  constructor(readonly streamId: string) {
    super(`Some events of this append are already in ${streamId} and some are not: it is not a retry of one append.`);
  }
}

export class InvalidLogPositionError extends EventStoreError {
  readonly code = 'invalid_log_position';
  constructor(readonly position: unknown) {
    super(`Log position ${JSON.stringify(position)} is not of the form "<transactionId>:<sequence>".`);
  }
}

/** An event copied from another store would not be stored as it was recorded there. */
export class CopyMismatchError extends EventStoreError {
  readonly code = 'copy_mismatch';
  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    readonly problem: string,
  ) {
    super(`${streamId} version ${streamVersion} cannot be copied as recorded: ${problem}`);
  }
}

/** The event store's server cannot be reached (EventStoreDB down, or the connection string wrong). */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'event_store_unavailable';
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super(`The event store at ${server} cannot be reached: ${reason}.`);
  }
}

/**
 * PostgreSQL cannot be reached, or did not answer within its timeout: a passing failure, retried
 * by the projector and the sealer and answered 503 to a caller. A statement cut off this way may
 * or may not have been carried out (a lost COMMIT); a command retried with its Idempotency-Key
 * finds out which.
 */
export class DatabaseUnavailableError extends EventStoreError {
  readonly code = 'database_unavailable';
  constructor(
    readonly server: string,
    readonly reason: string,
    readonly sqlState: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`The database at ${server} is not available: ${reason}.`);
  }
}

/** A failure that passes: the event store or the database is away for a moment, and asking again later may succeed. */
export function isPassingFailure(error: unknown): error is EventStoreUnavailableError | DatabaseUnavailableError {
  return error instanceof EventStoreUnavailableError || error instanceof DatabaseUnavailableError;
}

/** The ledger's events have moved to another store (`ledger migrate-events --switch`): nothing more is recorded here. */
export class EventStoreMovedError extends EventStoreError {
  readonly code = 'event_store_moved';
  constructor() {
    super("This ledger's events have moved to EventStoreDB: nothing more is recorded in its database. Restart the service with EVENTSTORE_CONNECTION_STRING set.");
  }
}

/** The target holds an event the source does not, so copying into it would mix two ledgers. */
export class ForeignEventsError extends EventStoreError {
  readonly code = 'foreign_events';
  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    readonly problem: string,
  ) {
    super(`the target already holds events that are not this source's: its last event, ${streamId} version ${streamVersion}, ${problem}. Copy into an empty store.`);
  }
}

export class RepeatedStreamAppendError extends EventStoreError {
  readonly code = 'repeated_stream';
  constructor(readonly streamId: string) {
    super(`An append to several streams names ${streamId} more than once: give each stream one part.`);
  }
}
