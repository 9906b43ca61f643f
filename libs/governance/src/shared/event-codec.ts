import type { Decider, DomainEvent } from './decider.js';

/** Whether a stored value has the shape a field of an event must have. */
export type FieldCheck = (value: unknown) => boolean;

export const text: FieldCheck = (value) => typeof value === 'string';
export const whole: FieldCheck = (value) => typeof value === 'number' && Number.isSafeInteger(value);
export const yesNo: FieldCheck = (value) => typeof value === 'boolean';
/** An instant as the domain writes it: ISO 8601 with its offset. */
export const instant: FieldCheck = (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
export const orNull =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === null || check(value);
export const oneOf =
  (values: readonly unknown[]): FieldCheck =>
  (value) =>
    values.includes(value);
export const listOf =
  (item: FieldCheck): FieldCheck =>
  (value) =>
    Array.isArray(value) && value.every(item);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with these fields (`optional` ones may be absent); fields it does not name are let be. */
export function shaped(fields: Record<string, FieldCheck>, optional: Record<string, FieldCheck> = {}): FieldCheck {
  const checks = [...checksOf(fields), ...checksOf(optional).map(([name, check]) => [name, orAbsent(check)] as const)];
  return (value) => isRecord(value) && hasFields(value, checks);
}

const orAbsent =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === undefined || check(value);

/** Whether each field passes its check, in a loop that allocates nothing. */
function hasFields(value: Record<string, unknown>, checks: FieldChecks): boolean {
  for (let index = 0; index < checks.length; index++) if (!checks[index][1](value[checks[index][0]])) return false;
  return true;
}

/**
 * A record's field checks as a list, made once: every stored event of every fold and rebuild is
 * checked by them, and listing them again for each (`Object.entries`) was a ninth of what a
 * rebuild allocated.
 */
type FieldChecks = readonly (readonly [name: string, check: FieldCheck])[];
const checksOf = (fields: Record<string, FieldCheck>): FieldChecks => Object.entries(fields);

/** A type of event a codec reads: its schema, and its field checks listed once. */
interface KnownType {
  schema: EventSchema<unknown>;
  checks: FieldChecks;
}

/** A check for every field of an event's data, so that adding a field to the type without checking it fails to compile. */
export type FieldsOf<Data> = { [K in keyof Data]-?: FieldCheck };

/** How one type of event is read: its current schema, and how each older version becomes the next. */
export interface EventSchema<Data> {
  /** The schema version written now. */
  schemaVersion: number;
  fields: FieldsOf<Data>;
  /** `upcasters[n]` turns data of version n into version n + 1, for every n below `schemaVersion`. */
  upcasters?: Record<number, (data: Record<string, unknown>) => Record<string, unknown>>;
}

export type EventSchemas<Event extends DomainEvent> = { [E in Event as E['type']]: EventSchema<E['data']> };

/** An event as the store keeps it: what a codec reads. */
export interface StoredEventBody {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** A stored event that is not an event of the stream, or whose data has not the shape of its type and version: never answered around. */
export class EventDecodingError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly problem: string,
  ) {
    super(`A stored ${type} event (schema version ${schemaVersion}) cannot be read: ${problem}`);
    this.name = 'EventDecodingError';
  }
}

/** How a stream's stored events are read, and the schema version each type is written at. */
export interface EventDecoder<Event extends DomainEvent> {
  decode(stored: StoredEventBody): Event;
  schemaVersionOf(type: Event['type']): number;
}

/** A stream's rules, and how its stored events are read: what a fold of the stored stream needs. */
export interface StreamRules<Command, Event extends DomainEvent, State> extends Decider<Command, Event, State> {
  readonly codec: EventDecoder<Event>;
}

/**
 * A stream's events as the domain reads them from the store: each stored event is known by its
 * type, upcast from the schema version it was written at to the current one, and checked field by
 * field before the rules see it — never cast.
 */
export class EventCodec<Event extends DomainEvent> implements EventDecoder<Event> {
  private readonly byType: Map<string, KnownType>;

  constructor(
    readonly stream: string,
    schemas: EventSchemas<Event>,
  ) {
    this.byType = new Map(
      (Object.entries(schemas) as [string, EventSchema<unknown>][]).map(([type, schema]) => [type, { schema, checks: checksOf(schema.fields as Record<string, FieldCheck>) }]),
    );
  }

  get types(): Event['type'][] {
    return [...this.byType.keys()] as Event['type'][];
  }

  handles(type: string): boolean {
    return this.byType.has(type);
  }

  /** The schema version an event of this type is written at now. */
  schemaVersionOf(type: Event['type']): number {
    return this.known(type, 0).schema.schemaVersion;
  }

  decode(stored: StoredEventBody): Event {
    const { schema, checks } = this.known(stored.type, stored.schemaVersion);
    if (!Number.isSafeInteger(stored.schemaVersion) || stored.schemaVersion < 1) throw new EventDecodingError(stored.type, stored.schemaVersion, 'its schema version is not a whole number from 1.');
    if (stored.schemaVersion > schema.schemaVersion) {
      throw new EventDecodingError(stored.type, stored.schemaVersion, `this release reads up to version ${schema.schemaVersion}; it was written by a newer one.`);
    }
    if (!isRecord(stored.data)) throw new EventDecodingError(stored.type, stored.schemaVersion, 'its data is not an object.');
    let data = stored.data;
    for (let version = stored.schemaVersion; version < schema.schemaVersion; version++) {
      const upcast = schema.upcasters?.[version];
      if (!upcast) throw new EventDecodingError(stored.type, stored.schemaVersion, `nothing reads version ${version} on to ${version + 1}.`);
      data = upcast(data);
    }
    if (!hasFields(data, checks)) {
      const wrong = checks.filter(([name, check]) => !check(data[name])).map(([name]) => name);
      throw new EventDecodingError(stored.type, stored.schemaVersion, `${wrong.join(', ')} ${wrong.length === 1 ? 'has' : 'have'} not the shape of the type.`);
    }
    return { type: stored.type, data } as Event; // checked above, field by field
  }

  private known(type: string, schemaVersion: number): KnownType {
    const known = this.byType.get(type);
    if (!known) throw new EventDecodingError(type, schemaVersion, `it is not an event of ${this.stream} streams.`);
    return known;
  }
}
