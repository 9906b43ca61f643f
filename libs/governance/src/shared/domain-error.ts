/**
 * A rule of the domain refused a command. `code` is stable: the API turns it into the problem
 * response API.md names (`invalid_transition` → 409, `no_authority` → 422, …).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command is well-formed but breaks a rule about its content (a route naming a body twice, …). */
export class InvalidCommandError extends DomainError {
  readonly code = 'validation_failed';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`There is no ${what} ${id}.`);
  }
}

export class AlreadyExistsError extends DomainError {
  readonly code = 'already_exists';
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`A ${what} with id ${id} already exists.`);
  }
}

/** The thing exists but is not in a state where this can happen (revoking a revoked delegation, …). */
export class InvalidTransitionError extends DomainError {
  readonly code = 'invalid_transition';
}

/** A ratification names a version that is not the proposal's current one. */
export class StaleVersionError extends DomainError {
  readonly code = 'version_conflict';
  constructor(
    readonly proposalId: string,
    readonly version: number,
    readonly currentVersion: number,
  ) {
    super(`Proposal ${proposalId} is at version ${currentVersion}; a decision on version ${version} no longer counts.`);
  }
}

export class NotOnRouteError extends DomainError {
  readonly code = 'not_on_route';
}
