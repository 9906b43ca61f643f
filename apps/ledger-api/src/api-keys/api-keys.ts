import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DATABASE, sqlState, type Database } from '@ledger/event-store';
import { AlreadyExistsError } from '@ledger/governance';
import { actorOf, generateApiKey, hashApiKey, type Principal, type Role } from './principal.js';

interface ApiKeyRow {
  name: string;
  role: Role;
  body_ids: string[];
}

/** The API keys: issued by admins, kept as hashes, looked up on every request (cached briefly). */
@Injectable()
export class ApiKeys {
  private readonly bootstrapHash: string | undefined;
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

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
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const [row] = await this.database.query<ApiKeyRow>('SELECT name, role, body_ids FROM ledger_api_keys WHERE key_hash = $1', [hash]);
    const principal = row ? { name: row.name, role: row.role, bodyIds: row.body_ids } : null;
    this.cache.set(hash, { principal, until: Date.now() + 5_000 });
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
