import type { Decider } from '../src/shared/decider.js';
import { fold } from '../src/shared/decider.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The rule book, as tests: `given(decider, [events]).when(command).then([events])`,
 * or `.thenThrows(ErrorClass, /message/)`.
 */
export function given<Command, Event, State>(decider: Decider<Command, Event, State>, history: Event[] = []) {
  return {
    when(command: Command) {
      const decide = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: Event[]): void {
          expect(decide()).toEqual(expected);
        },
        thenThrows(error: ErrorClass, message?: RegExp | string): void {
          let thrown: unknown;
          try {
            decide();
          } catch (caught) {
            thrown = caught;
          }
          expect(thrown).toBeInstanceOf(error);
          if (message !== undefined) expect((thrown as Error).message).toMatch(message);
        },
      };
    },
  };
}
