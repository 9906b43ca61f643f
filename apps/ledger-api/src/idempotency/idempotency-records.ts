import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@ledger/event-store';

export type IdempotencyClaim =
  | { kind: 'first' }
  | { kind: 'replay'; statusCode: number; body: unknown }
  | { kind: 'reused-with-another-body' };

const WAIT_FOR_FIRST_MS = 10_000;

/** The first response to each (principal, Idempotency-Key), kept in the database. */
@Injectable()
export class IdempotencyRecords {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Claims the key for this request. A request already answered is replayed; one still being
   * carried out is waited for, so concurrent requests with one key run the command once.
   */
  async claim(principal: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const inserted = await this.database.query(
        `INSERT INTO ledger_idempotency (principal, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (principal, key) DO NOTHING RETURNING key`,
        [principal, key, requestHash],
      );
      if (inserted.length > 0) return { kind: 'first' };
      const [record] = await this.database.query<{ request_hash: string; status_code: number | null; response: string | null }>(
        'SELECT request_hash, status_code, response FROM ledger_idempotency WHERE principal = $1 AND key = $2',
        [principal, key],
      );
      if (!record) continue; // the first request failed unexpectedly and let the key go: claim it again
      if (record.request_hash !== requestHash) return { kind: 'reused-with-another-body' };
      if (record.status_code !== null) return { kind: 'replay', statusCode: record.status_code, body: JSON.parse(record.response ?? 'null') };
      if (Date.now() > deadline) throw new Error(`The first request with Idempotency-Key ${key} has not finished after ${WAIT_FOR_FIRST_MS / 1000} s.`);
      await sleep(25);
    }
  }

  async complete(principal: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.database.query('UPDATE ledger_idempotency SET status_code = $3, response = $4 WHERE principal = $1 AND key = $2', [
      principal,
      key,
      statusCode,
      JSON.stringify(body),
    ]);
  }

  /** An unexpected failure is not an answer: the key is let go so the client can retry. */
  async release(principal: string, key: string): Promise<void> {
    await this.database.query('DELETE FROM ledger_idempotency WHERE principal = $1 AND key = $2 AND status_code IS NULL', [principal, key]);
  }
}
