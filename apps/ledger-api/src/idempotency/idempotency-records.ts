import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@ledger/event-store';

export type IdempotencyClaim =
  /** Carry the command out; `retrying` when an earlier attempt with this key may have recorded it already. */
  | { kind: 'first'; retrying: boolean }
  /** Another request with the key is still being carried out: ask again in a moment. */
  | { kind: 'in-progress' }
  | { kind: 'replay'; statusCode: number; body: unknown }
  | { kind: 'reused-with-another-body' };

/**
 * How long a claim holds the key while its request is carried out. A command takes milliseconds;
 * each of its statements is cut off after DATABASE_TIMEOUT_MS. A claim still open after this long
 * belongs to a process that died or lost its database, and a retry takes it over.
 */
export const CLAIM_SECONDS = 15;

/** How long a request waits for another with its key to finish before answering that it is still in progress. */
const WAIT_FOR_OTHER_MS = 2_000;

/** The first response to each (principal, Idempotency-Key), kept in the database. */
@Injectable()
export class IdempotencyRecords {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Claims the key for this request. A request already answered is replayed. One still being
   * carried out is waited for a moment, so concurrent requests with one key run the command once
   * (after that, this one is told to ask again); one whose claim lapsed (its process died, or
   * lost its answer with the database) is taken over, to be carried out again as a retry.
   */
  async claim(principal: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const deadline = Date.now() + WAIT_FOR_OTHER_MS;
    for (;;) {
      const inserted = await this.database.query(
        `INSERT INTO ledger_idempotency (principal, key, request_hash, claimed_until) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (principal, key) DO NOTHING RETURNING key`,
        [principal, key, requestHash, CLAIM_SECONDS],
      );
      if (inserted.length > 0) return { kind: 'first', retrying: false };
      const [record] = await this.database.query<{ request_hash: string; status_code: number | null; response: string | null; lapsed: boolean }>(
        `SELECT request_hash, status_code, response, claimed_until IS NULL OR claimed_until <= now() AS lapsed
           FROM ledger_idempotency WHERE principal = $1 AND key = $2`,
        [principal, key],
      );
      if (!record) continue; // let go meanwhile (by an earlier version of the ledger): claim it again
      if (record.request_hash !== requestHash) return { kind: 'reused-with-another-body' };
      if (record.status_code !== null) return { kind: 'replay', statusCode: record.status_code, body: JSON.parse(record.response ?? 'null') };
      if (record.lapsed) {
        const taken = await this.database.query(
          `UPDATE ledger_idempotency SET claimed_until = now() + make_interval(secs => $3)
            WHERE principal = $1 AND key = $2 AND status_code IS NULL AND (claimed_until IS NULL OR claimed_until <= now()) RETURNING key`,
          [principal, key, CLAIM_SECONDS],
        );
        if (taken.length > 0) return { kind: 'first', retrying: true };
        continue; // another retry took it over first: wait for its answer
      }
      if (Date.now() > deadline) return { kind: 'in-progress' };
      await sleep(25);
    }
  }

  async complete(principal: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.database.query('UPDATE ledger_idempotency SET status_code = $3, response = $4, claimed_until = NULL WHERE principal = $1 AND key = $2', [
      principal,
      key,
      statusCode,
      JSON.stringify(body),
    ]);
  }

  /**
   * An unexpected failure is not an answer, but the command may have been recorded before it
   * (the database lost between the append and its answer): the key is not let go, or a retry
   * would run the command afresh and be refused by its own first attempt. The claim lapses at
   * once instead, so that a retry takes it over as a retry. Should the database be away, it
   * lapses on its own.
   */
  async lapse(principal: string, key: string): Promise<void> {
    await this.database
      .query('UPDATE ledger_idempotency SET claimed_until = now() WHERE principal = $1 AND key = $2 AND status_code IS NULL', [principal, key])
      .catch(() => undefined);
  }
}
