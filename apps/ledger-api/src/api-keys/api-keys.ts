import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DATABASE, sqlState, type Database } from '@ledger/event-store';
import { AlreadyExistsError } from '@ledger/governance';
import { LRUCache } from 'lru-cache';
import { actorOf, generateApiKey, hashApiKey, type Principal, type Role } from './principal.js';

interface ApiKeyRow {
  name: string;
  role: Role;
  body_ids: string[];
}

/** How long a key looked up is taken as found without asking the database again. */
const FOUND_FOR_MS = 5_000;
/** At most this many keys are kept found, the least recently used dropped first. */
const KEYS_KEPT = 10_000;

/**
 * The API keys: issued by admins, kept as hashes, looked up on every request. A key found is kept
 * for FOUND_FOR_MS, in at most KEYS_KEPT entries; a key not found is never kept, so that a flood
 * of made-up keys leaves nothing behind (it is slowed instead: LEDGER_FAILED_KEYS_PER_MINUTE).
 */
@Injectable()
export class ApiKeys {
  private readonly bootstrapHash: string | undefined;
  private readonly found = new LRUCache<string, Principal>({ max: KEYS_KEPT, ttl: FOUND_FOR_MS, ttlAutopurge: false });

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    config: ConfigService,
  ) {
    const bootstrap = config.get<string>('LEDGER_BOOTSTRAP_ADMIN_KEY');
    this.bootstrapHash = bootstrap ? hashApiKey(bootstrap) : undefined;
  }

  /** The principal a presented key belongs to, or null when no such key exists. */
  async principalFor(key: string): Promise<Principal | null> {
    return this.principalForHash(hashApiKey(key));
  }

  /** The principal of the key with this hash (a website session keeps the hash, never the key), or null. */
  async principalForHash(hash: string): Promise<Principal | null> {
    if (hash === this.bootstrapHash) return { name: 'bootstrap', role: 'admin', bodyIds: [] };
    const kept = this.found.get(hash);
    if (kept) return kept;
    const [row] = await this.database.query<ApiKeyRow>('SELECT name, role, body_ids FROM ledger_api_keys WHERE key_hash = $1', [hash]);
    if (!row) return null;
    const principal = { name: row.name, role: row.role, bodyIds: row.body_ids };
    this.found.set(hash, principal);
    return principal;
  }

  /** Issues a key; the key itself is answered once and never stored. */
  async issue(name: string, role: Role, bodyIds: string[], issuedBy: Principal): Promise<{ name: string; role: Role; bodyIds: string[]; key: string }> {
    const key = generateApiKey();
    try {
      await this.database.query('INSERT INTO ledger_api_keys (key_hash, name, role, body_ids, created_by) VALUES ($1, $2, $3, $4, $5)', [
        hashApiKey(key),
        name,
        role,
        bodyIds,
        actorOf(issuedBy),
      ]);
    } catch (error) {
      if (sqlState(error) === '23505') throw new AlreadyExistsError('API key named', name);
      throw error;
    }
    return { name, role, bodyIds, key };
  }
}
