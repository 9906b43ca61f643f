/** Who asked for a command, and how to recognise a retry of it. */
export interface CommandContext {
  /** The principal of the API key, e.g. `clerk:wiltshire-democratic-services`; `anonymous` never writes. */
  actor: string;
  idempotencyKey: string | null;
  correlationId: string;
}
