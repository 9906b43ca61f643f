import { problem } from '../problems/problem.js';
import { ProblemException } from '../problems/problem.exception.js';
import type { CommandContext } from './command-context.js';

/** An integration key may act only for the bodies listed on it: anything else is 403 and appends nothing. */
export function assertActsFor(context: CommandContext, bodyId: string): void {
  if (context.actsOnlyForBodyIds === null || context.actsOnlyForBodyIds.includes(bodyId)) return;
  throw new ProblemException(problem(403, `This integration key may act only for ${context.actsOnlyForBodyIds.join(', ')}, not for ${bodyId}.`));
}
