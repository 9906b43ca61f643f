import { FUTURE_DATE_TOLERANCE_MS } from '@ledger/governance';

/** The OpenAPI description of a date on which something recorded happened: it may not lie ahead (`notInTheFuture`). */
export function happenedOn(what: string): string {
  return (
    `When ${what}. Not after the moment it is recorded (${FUTURE_DATE_TOLERANCE_MS / 60_000} minutes' tolerance for clocks that differ), ` +
    'else 400 validation_failed naming the field. A date alone means 00:00 Europe/London, so today’s date is accepted and tomorrow’s is not.'
  );
}
