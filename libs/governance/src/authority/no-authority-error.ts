import { DomainError } from '../shared/domain-error.js';
import type { AuthorityAnswer } from './authority-answer.js';

/** The holder did not hold the authority the command needs; `authority` says why (API.md: 422 `no_authority`). */
export class NoAuthorityError extends DomainError {
  readonly code = 'no_authority';
  constructor(
    message: string,
    readonly authority: AuthorityAnswer,
  ) {
    super(authority.reasons.length > 0 ? `${message}: ${authority.reasons.join('; ')}.` : `${message}.`);
  }
}
