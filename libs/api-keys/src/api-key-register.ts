import { createHash, randomUUID } from 'node:crypto';
import { LOG_START, VersionConflictError, type Database, type EventStore, type LogPosition, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { fold } from '@ledger/governance';
import { apiKeyCodec } from './api-key.codec.js';
import { apiKeyDecider, type ApiKeyCommand, type ApiKeyNameState } from './api-key.decider.js';
import { apiKeyStreamId, type ApiKeyEvent, type ApiKeyRole } from './api-key.events.js';
import { generateApiKey, hashApiKey, sameHash, type PresentedKey } from './key-secret.js';

/** Who asks for a change to the keys, as every event's metadata names them. */
export interface KeyAction {
  /** `role:name`, e.g. `admin:bootstrap`. */
  actor: string;
  correlationId?: string;
  idempotencyKey?: string | null;
  /** The id of the `index`-th event appended to a stream (derived from an Idempotency-Key, say); random when absent. */
  eventIdFor?: (streamId: string, index: number) => string;
}

/** What the ledger itself records about keys (recording those issued before keys were events, and expiries). */
export const KEY_KEEPER: KeyAction = { actor: 'ledger:keys' };

export interface IssuedKey {
  name: string;
  keyId: string;
  role: ApiKeyRole;
  bodyIds: string[];
  expiresAt: string | null;
  /** The key itself: answered once, kept only as a hash. */
  key: string;
  position: LogPosition;
}

export type KeyStatus = 'active' | 'expired' | 'revoked';

/** A key as an admin sees it listed: never the secret, nor its hash. */
export interface ApiKeyRecord {
  name: string;
  keyId: string;
  role: ApiKeyRole;
  bodyIds: string[];
  status: KeyStatus;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
}

/** A key that opens the ledger now, as a request's lookup finds it. */
export interface LiveKey {
  name: string;
  keyId: string;
  role: ApiKeyRole;
  bodyIds: string[];
  hash: string;
  /** Milliseconds since the epoch; null: no expiry. */
  expiresAt: number | null;
}

/** The NOTIFY channel on which a change to a key of the ledger in `schema` is announced, payload its key id. */
export function keyNoticeChannel(schema: string): string {
  return `ledger_api_keys_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}

/** How long a row may wait for its ApiKeyIssued event before it is taken for one whose process died. */
const PENDING_FOR_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 5;

interface KeyRow {
  key_hash: string;
  key_id: string;
  name: string;
  role: ApiKeyRole;
  body_ids: string[];
  created_at: Date;
  created_by: string;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  expired_at: Date | null;
}

/** What a key's events leave of it, for its row. */
interface KeyFacts {
  role: ApiKeyRole;
  bodyIds: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
  expiredAt: string | null;
}

/**
 * The ledger's API keys: decided on and recorded as events of the stream `api-key-<name>` (sealed
 * and audited like every other event, never with a secret), and kept as rows for lookup — the
 * hash, found by key id, and the state the events left. After each change the rows are brought up
 * to the stream and every API instance is told (NOTIFY) in the same transaction.
 */
export class ApiKeyRegister {
  private readonly channel: string;

  constructor(
    private readonly store: EventStore,
    private readonly database: Database,
  ) {
    this.channel = keyNoticeChannel(database.schema);
  }

  /** Issues a key under a new name. */
  async issue(request: { name: string; role: ApiKeyRole; bodyIds: string[]; expiresAt: string | null }, action: KeyAction, now = new Date()): Promise<IssuedKey> {
    const { keyId, key } = generateApiKey();
    return this.withPendingRow({ ...request, keyId, key }, action, () =>
      this.decide(request.name, () => ({ type: 'IssueApiKey', ...request, keyId, now: now.toISOString() }), action),
    );
  }

  /**
   * A new key for a name, with the same role and bodies; its keys until now keep working until
   * `oldKeysExpireAt` (the overlap in which the holder changes over), then expire.
   */
  async rotate(name: string, request: { expiresAt: string | null; oldKeysExpireAt: string }, action: KeyAction, now = new Date()): Promise<IssuedKey> {
    const [current] = await this.database.query<Pick<KeyRow, 'role' | 'body_ids'>>(
      'SELECT role, body_ids FROM ledger_api_keys WHERE name = $1 AND issued ORDER BY created_at DESC LIMIT 1',
      [name],
    );
    const { keyId, key } = generateApiKey();
    const pending = { name, role: current?.role ?? 'clerk', bodyIds: current?.body_ids ?? [], expiresAt: request.expiresAt, keyId, key };
    return this.withPendingRow(pending, action, () => this.decide(name, () => ({ type: 'RotateApiKey', name, keyId, ...request, now: now.toISOString() }), action));
  }

  /** Revokes one key of a name, or (keyId null) every key of it still live. Takes effect on every instance before this answers. */
  async revoke(name: string, request: { keyId: string | null; reason: string }, action: KeyAction, now = new Date()): Promise<{ name: string; revoked: string[]; position: LogPosition }> {
    const { events, position } = await this.decide(name, () => ({ type: 'RevokeApiKey', name, ...request, now: now.toISOString() }), action);
    await this.catchUp(name);
    return { name, revoked: events.map((event) => event.data.keyId), position };
  }

  /** Records ApiKeyExpired for every key whose expiry has passed; answers how many. Instances may race: the stream's version lets one record each. */
  async recordExpiries(now = new Date()): Promise<number> {
    const due = await this.database.query<{ name: string }>(
      'SELECT DISTINCT name FROM ledger_api_keys WHERE issued AND revoked_at IS NULL AND expired_at IS NULL AND expires_at <= $1',
      [now.toISOString()],
    );
    let recorded = 0;
    for (const { name } of due) {
      recorded += (await this.decide(name, () => ({ type: 'RecordApiKeyExpiries', name, now: now.toISOString() }), KEY_KEEPER)).events.length;
      await this.catchUp(name);
    }
    return recorded;
  }

  /**
   * Brings every row up to the log after a process died between the two: records keys issued
   * before keys were events, removes rows whose key was never recorded as issued, and applies
   * every event to its row.
   */
  async reconcile(now = new Date()): Promise<void> {
    const rows = await this.database.query<Pick<KeyRow, 'name' | 'key_id' | 'role' | 'body_ids' | 'created_at' | 'created_by'> & { issued: boolean }>(
      'SELECT name, key_id, role, body_ids, created_at, created_by, issued FROM ledger_api_keys ORDER BY created_at',
    );
    for (const name of new Set(rows.map((row) => row.name))) {
      const events = await this.store.readStream(apiKeyStreamId(name));
      const recorded = new Set(events.map((stored) => apiKeyCodec.decode(stored)).flatMap((event) => (event.type === 'ApiKeyIssued' ? [event.data.keyId] : [])));
      const unrecorded = rows.filter((row) => row.name === name && row.issued && !recorded.has(row.key_id));
      if (unrecorded.length > 0) await this.recordIssuedBefore(name, unrecorded, events.length);
      const abandoned = rows.filter((row) => row.name === name && !row.issued && !recorded.has(row.key_id) && now.getTime() - row.created_at.getTime() > PENDING_FOR_MS);
      for (const row of abandoned) await this.database.query('DELETE FROM ledger_api_keys WHERE key_id = $1 AND NOT issued', [row.key_id]);
      await this.catchUp(name);
    }
  }

  /** Every key issued, by name and then age; never a secret. */
  async list(now = new Date()): Promise<ApiKeyRecord[]> {
    const rows = await this.database.query<KeyRow>('SELECT * FROM ledger_api_keys WHERE issued ORDER BY name, created_at, key_id');
    return rows.map((row) => ({
      name: row.name,
      keyId: row.key_id,
      role: row.role,
      bodyIds: row.body_ids,
      status: row.revoked_at ? 'revoked' : row.expired_at || (row.expires_at && row.expires_at <= now) ? 'expired' : 'active',
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by,
      lastUsedAt: row.last_used_at?.toISOString() ?? null,
      expiresAt: row.expires_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      revokedBy: row.revoked_by,
      revocationReason: row.revocation_reason,
    }));
  }

  /** The key a request presents, if it is issued and neither revoked nor recorded as expired (its expiry is the caller's to compare). */
  async findLive(presented: PresentedKey): Promise<LiveKey | null> {
    const [row] = await this.database.query<KeyRow>(
      `SELECT key_hash, key_id, name, role, body_ids, expires_at FROM ledger_api_keys
        WHERE ${presented.keyId === null ? 'key_hash' : 'key_id'} = $1 AND issued AND revoked_at IS NULL AND expired_at IS NULL`,
      [presented.keyId ?? presented.hash],
      { name: presented.keyId === null ? 'ledger-key-by-hash' : 'ledger-key-by-id' },
    );
    if (!row || !sameHash(row.key_hash, presented.hash)) return null;
    return { name: row.name, keyId: row.key_id, role: row.role, bodyIds: row.body_ids, hash: row.key_hash, expiresAt: row.expires_at?.getTime() ?? null };
  }

  /** Records when keys were last used (each the latest of what is recorded and what is given). */
  async recordUse(lastUsed: ReadonlyMap<string, number>): Promise<void> {
    if (lastUsed.size === 0) return;
    await this.database.query(
      `UPDATE ledger_api_keys AS keys SET last_used_at = greatest(keys.last_used_at, used.at)
         FROM unnest($1::text[], $2::timestamptz[]) AS used(key_id, at) WHERE keys.key_id = used.key_id`,
      [[...lastUsed.keys()], [...lastUsed.values()].map((at) => new Date(at).toISOString())],
    );
  }

  /** A row for the key before its event (so no event names a key that has no hash), issued once the event is in the log. */
  private async withPendingRow(
    key: { name: string; keyId: string; key: string; role: ApiKeyRole; bodyIds: string[]; expiresAt: string | null },
    action: KeyAction,
    decide: () => Promise<{ position: LogPosition }>,
  ): Promise<IssuedKey> {
    await this.database.query('INSERT INTO ledger_api_keys (key_hash, key_id, name, role, body_ids, created_by, expires_at, issued) VALUES ($1, $2, $3, $4, $5, $6, $7, false)', [
      hashApiKey(key.key),
      key.keyId,
      key.name,
      key.role,
      key.bodyIds,
      action.actor,
      key.expiresAt,
    ]);
    let position: LogPosition;
    try {
      ({ position } = await decide());
    } catch (error) {
      await this.database.query('DELETE FROM ledger_api_keys WHERE key_id = $1 AND NOT issued', [key.keyId]);
      throw error;
    }
    await this.catchUp(key.name);
    const [row] = await this.database.query<Pick<KeyRow, 'role' | 'body_ids' | 'expires_at'>>('SELECT role, body_ids, expires_at FROM ledger_api_keys WHERE key_id = $1', [key.keyId]);
    return { name: key.name, keyId: key.keyId, role: row.role, bodyIds: row.body_ids, expiresAt: row.expires_at?.toISOString() ?? null, key: key.key, position };
  }

  /** Load the name's stream, decide, append at the version read; again from a fresh read when another instance appended first. */
  private async decide(
    name: string,
    command: (state: ApiKeyNameState) => ApiKeyCommand,
    action: KeyAction,
  ): Promise<{ events: readonly ApiKeyEvent[]; position: LogPosition }> {
    const streamId = apiKeyStreamId(name);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.store.readStream(streamId);
      const state = fold(apiKeyDecider, stored.map((event) => apiKeyCodec.decode(event)));
      const events = apiKeyDecider.decide(command(state), state);
      if (events.length === 0) return { events: [], position: stored.at(-1)?.position ?? LOG_START };
      try {
        return await this.append(streamId, events, stored.length, action);
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt === MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async append(streamId: string, events: readonly ApiKeyEvent[], version: number, action: KeyAction): Promise<{ events: readonly ApiKeyEvent[]; position: LogPosition }> {
    const metadata = { actor: action.actor, correlationId: action.correlationId ?? randomUUID(), ...(action.idempotencyKey ? { idempotencyKey: action.idempotencyKey } : {}) };
    const newEvents: NewEvent[] = events.map((event, index) => ({
      eventId: action.eventIdFor?.(streamId, version + index) ?? randomUUID(),
      type: event.type,
      schemaVersion: apiKeyCodec.schemaVersionOf(event.type),
      data: event.data,
      metadata,
    }));
    const result = await this.store.append(streamId, newEvents, { expectedVersion: version === 0 ? 'no-stream' : version });
    return { events, position: result.positions.at(-1)! };
  }

  /** Appends ApiKeyIssued for keys issued before keys were events, as they were issued. */
  private async recordIssuedBefore(name: string, rows: readonly Pick<KeyRow, 'key_id' | 'role' | 'body_ids' | 'created_at' | 'created_by'>[], version: number): Promise<void> {
    const events: ApiKeyEvent[] = rows.map((row) => ({
      type: 'ApiKeyIssued',
      data: { name, keyId: row.key_id, role: row.role, bodyIds: row.body_ids, expiresAt: null, issuedBeforeRecording: { issuedAt: row.created_at.toISOString(), issuedBy: row.created_by } },
    }));
    try {
      await this.append(apiKeyStreamId(name), events, version, KEY_KEEPER);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error; // another instance recorded them first
    }
  }

  /** Brings the name's rows up to its stream and tells every instance, in one transaction. */
  private async catchUp(name: string): Promise<void> {
    const facts = keyFactsOf(await this.store.readStream(apiKeyStreamId(name)));
    if (facts.size === 0) return;
    await this.database.transaction(async (session) => {
      for (const [keyId, key] of facts) {
        await session.query(
          `UPDATE ledger_api_keys SET issued = true, role = $2, body_ids = $3, expires_at = $4, revoked_at = $5, revoked_by = $6, revocation_reason = $7, expired_at = $8
            WHERE key_id = $1`,
          [keyId, key.role, key.bodyIds, key.expiresAt, key.revokedAt, key.revokedBy, key.revocationReason, key.expiredAt],
        );
        await session.query('SELECT pg_notify($1, $2)', [this.channel, keyId]);
      }
    });
  }
}

/** Each key's state as the name's events leave it, with who revoked it and when. */
function keyFactsOf(events: readonly StoredEvent[]): Map<string, KeyFacts> {
  const facts = new Map<string, KeyFacts>();
  for (const stored of events) {
    const event = apiKeyCodec.decode(stored);
    const key = facts.get(event.data.keyId);
    switch (event.type) {
      case 'ApiKeyIssued':
        facts.set(event.data.keyId, { role: event.data.role, bodyIds: event.data.bodyIds, expiresAt: event.data.expiresAt, revokedAt: null, revokedBy: null, revocationReason: null, expiredAt: null });
        break;
      case 'ApiKeyExpirySet':
        if (key) key.expiresAt = event.data.expiresAt;
        break;
      case 'ApiKeyRevoked':
        if (key) Object.assign(key, { revokedAt: stored.metadata.recordedAt, revokedBy: stored.metadata.actor ?? null, revocationReason: event.data.reason });
        break;
      case 'ApiKeyExpired':
        if (key) key.expiredAt = event.data.expiredAt;
        break;
    }
  }
  return facts;
}
