/** Who asked for a command, and how to recognise a retry of it. */
export interface CommandContext {
  /** The principal of the API key, e.g. `clerk:wiltshire-democratic-services`; `anonymous` never writes. */
  actor: string;
  idempotencyKey: string | null;
  /**
   * An earlier attempt under this idempotency key may have recorded the command and died before
   * answering: the command is decided on its streams as they stood before its own events, if they
   * hold any, so that it proposes the same events and the store answers what was recorded.
   */
  retrying: boolean;
  correlationId: string;
  /** An integration key acts only for these bodies (its decisions, rescissions and call-ins); null: no such limit. */
  actsOnlyForBodyIds: string[] | null;
}
