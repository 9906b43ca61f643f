import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiKeyRegister, hashApiKey, keyNoticeChannel, presentedKey, sameHash, type LiveKey, type PresentedKey } from '@ledger/api-keys';
import { DATABASE, EVENT_STORE, type Database, type EventStore, type Listening } from '@ledger/event-store';
import { LRUCache } from 'lru-cache';
import type { Principal } from './principal.js';

/** How long a key found is taken as found without asking the database again, while changes to keys are heard. */
const FOUND_FOR_MS = 5_000;
/** At most this many keys are kept found, the least recently used dropped first. */
const KEYS_KEPT = 10_000;

/**
 * The API keys as requests present them: looked up by key id (or, for keys issued before keys had
 * ids, by hash) and kept found for FOUND_FOR_MS in at most KEYS_KEPT entries. A key not found is
 * never kept, so a flood of made-up keys leaves nothing behind.
 *
 * Revocation reaches every instance as soon as its notice arrives: the change to a key's row and
 * a NOTIFY on the ledger's key channel commit in one transaction, and every instance LISTENs on it
 * and drops the key from what it keeps when the notice arrives — a moment after the commit, which
 * on another instance can be after the revoking request was answered. An instance that is not
 * hearing notices (its listening connection dropped, and until it is made again) keeps nothing,
 * and asks the database on every request.
 */
@Injectable()
export class ApiKeys implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly register: ApiKeyRegister;
  private readonly logger = new Logger(ApiKeys.name);
  private readonly bootstrapHash: string | undefined;
  private readonly found = new LRUCache<string, LiveKey>({ max: KEYS_KEPT, ttl: FOUND_FOR_MS, ttlAutopurge: false });
  /** Each key's last use on this instance since it was last recorded (milliseconds since the epoch). */
  private lastUsed = new Map<string, number>();
  private hearing = false;
  private listening: Listening | undefined;
  private sweeping: NodeJS.Timeout | undefined;
  private sweep: Promise<void> = Promise.resolve();

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly config: ConfigService,
  ) {
    const bootstrap = config.get<string>('LEDGER_BOOTSTRAP_ADMIN_KEY');
    this.bootstrapHash = bootstrap ? hashApiKey(bootstrap) : undefined;
    this.register = new ApiKeyRegister(store, database);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listening = await this.database.listen(
      keyNoticeChannel(this.database.schema),
      (keyId) => this.forget(keyId),
      (hearing) => {
        this.hearing = hearing;
        if (!hearing) this.found.clear();
      },
    );
    await this.register.reconcile();
    await this.register.recordExpiries();
    const intervalMs = (this.config.get<number>('LEDGER_KEY_SWEEP_INTERVAL') ?? 60) * 1000;
    this.sweeping = setInterval(() => (this.sweep = this.sweepNow()), intervalMs);
    this.sweeping.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeping);
    await this.sweep;
    await this.recordUse().catch(() => undefined);
    await this.listening?.stop();
  }

  /** The principal a presented key belongs to, or null when it is unknown, revoked or expired. */
  async principalFor(key: string): Promise<Principal | null> {
    return this.principalOf(presentedKey(key));
  }

  /** The principal of the key with this hash (a website session keeps the hash, never the key), or null. */
  async principalForHash(hash: string): Promise<Principal | null> {
    return this.principalOf({ keyId: null, hash });
  }

  /** Records when each key was last used on this instance (also done every LEDGER_KEY_SWEEP_INTERVAL). */
  async recordUse(): Promise<void> {
    const used = this.lastUsed;
    this.lastUsed = new Map();
    await this.register.recordUse(used);
  }

  private async principalOf(presented: PresentedKey): Promise<Principal | null> {
    if (presented.hash === this.bootstrapHash) return { name: 'bootstrap', role: 'admin', bodyIds: [] };
    const cacheKey = presented.keyId ?? presented.hash;
    let key = this.found.get(cacheKey);
    if (key && !sameHash(key.hash, presented.hash)) return null; // the right key id with a wrong secret
    if (!key) {
      key = (await this.register.findLive(presented)) ?? undefined;
      if (!key) return null;
      if (this.hearing) this.found.set(cacheKey, key);
    }
    if (key.expiresAt !== null && key.expiresAt <= Date.now()) return null;
    this.lastUsed.set(key.keyId, Date.now());
    return { name: key.name, role: key.role, bodyIds: key.bodyIds };
  }

  /** Drops a key changed elsewhere (revoked, expired, rotated) from what this instance keeps. */
  forget(keyId: string): void {
    for (const [cacheKey, key] of this.found.entries()) if (key.keyId === keyId) this.found.delete(cacheKey);
  }

  private async sweepNow(): Promise<void> {
    try {
      await this.register.recordExpiries();
      await this.recordUse();
    } catch (error) {
      this.logger.warn(`Could not record key expiries or use: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
