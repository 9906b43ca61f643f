/**
 * A stream's rules as two pure functions: `decide` answers a command with the events it causes
 * (or throws a `DomainError`), `evolve` folds an event into the state the next decision sees.
 * No clock, no I/O: whatever time a rule needs arrives in the command.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/** An event of the domain: an explicit, stable type name and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** Makes a `switch` over a union exhaustive: a new member that is not handled fails to compile. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
