/** Who asked for a command, and how to recognise a retry of it. */
export interface CommandContext {
  /** The principal of the API key, e.g. `clerk:wiltshire-democratic-services`; `anonymous` never writes. */
  actor: string;
  idempotencyKey: string | null;
  correlationId: string;
  /** An integration key acts only for these bodies (its decisions, rescissions and call-ins); null: no such limit. */
  actsOnlyForBodyIds: string[] | null;
}
