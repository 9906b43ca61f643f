/**
 * The WHERE of a list's query holding only the filters a request gave, each value a parameter:
 * `WHERE r.organisation_id = $1::text AND r.decided_on >= $2::timestamptz`. A query written once
 * with every filter as `($n IS NULL OR …)` is planned again on every request, since no one plan
 * serves every filter left out; a query per set of filters given is planned once per connection
 * (its text names its prepared statement) and takes the index its filters call for.
 */
export class ListConditions {
  /** The parameters, in the order the conditions and `parameter` named them. */
  readonly values: unknown[] = [];
  private readonly conditions: string[] = [];

  /** `$n::type` for `value`, which becomes the query's next parameter. */
  parameter(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }

  /** Adds `condition(…)` when `value` was given (is neither null nor undefined), its value a parameter of `type`. */
  whenGiven<T>(value: T | null | undefined, type: string, condition: (parameter: string) => string): this {
    if (value !== null && value !== undefined) this.conditions.push(condition(this.parameter(value, type)));
    return this;
  }

  /**
   * Keyset pagination: adds `condition(…)` when a cursor gave the key of the row a page ended at,
   * its parts parameters of `types`, handed over as `$1::timestamptz, $2::bigint`.
   */
  whenKey(key: readonly unknown[] | null, types: readonly string[], condition: (parameters: string) => string): this {
    if (key !== null) this.conditions.push(condition(key.map((part, index) => this.parameter(part, types[index])).join(', ')));
    return this;
  }

  /** Adds a condition that holds no value of its own, or names its parameters itself. */
  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** `WHERE a AND b`, or nothing when no filter was given. */
  get where(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}
