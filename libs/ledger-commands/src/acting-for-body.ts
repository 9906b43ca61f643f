import { DomainError } from '@ledger/governance';
import type { CommandContext } from './command-context.js';

/** An integration key acting for a body it was not issued for: 403, and nothing appended. */
export class ActsForOtherBodiesError extends DomainError {
  readonly code = 'forbidden';
  constructor(
    readonly bodyIds: readonly string[],
    readonly bodyId: string,
  ) {
    super(`This integration key may act only for ${bodyIds.join(', ')}, not for ${bodyId}.`);
  }
}

/** An integration key may act only for the bodies listed on it. */
export function assertActsFor(context: CommandContext, bodyId: string): void {
  if (context.actsOnlyForBodyIds === null || context.actsOnlyForBodyIds.includes(bodyId)) return;
  throw new ActsForOtherBodiesError(context.actsOnlyForBodyIds, bodyId);
}
