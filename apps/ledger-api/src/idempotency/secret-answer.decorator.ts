import { SetMetadata } from '@nestjs/common';

export const SECRET_IN_ANSWER = 'ledger:secret-in-answer';

/** What an answer kept for a retry says in place of a secret it carried the first time. */
export const SECRET_SHOWN_ONCE = '[shown only in the first answer; if it was lost, rotate the key]';

/**
 * The route's answer carries a secret in `field` (an API key): it is shown once, so the answer kept
 * for an Idempotency-Key retry keeps everything else and not the secret.
 */
export const AnswersSecretOnce = (field: string) => SetMetadata(SECRET_IN_ANSWER, field);

/** The answer as it may be kept: without the secret the route marked. */
export function withoutSecret(body: unknown, field: string | undefined): unknown {
  if (field === undefined || body === null || typeof body !== 'object' || !(field in body)) return body;
  return { ...body, [field]: SECRET_SHOWN_ONCE };
}
