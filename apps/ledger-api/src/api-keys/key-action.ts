import type { KeyAction } from '@ledger/api-keys';
import type { CommandContext } from '@ledger/ledger-commands';
import { eventIdFor } from '@ledger/ledger-commands';

/** A command's context as the key register takes it: a retry under the same Idempotency-Key proposes the same event ids. */
export function keyActionOf(context: CommandContext): KeyAction {
  return {
    actor: context.actor,
    correlationId: context.correlationId,
    idempotencyKey: context.idempotencyKey,
    eventIdFor: (streamId, index) => eventIdFor(context.idempotencyKey, context.actor, streamId, index),
  };
}
