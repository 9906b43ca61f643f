import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { DATABASE, type Database } from '@ledger/event-store';
import type { KnownAt } from '@ledger/facts';
import { InvalidCommandError, londonInstant, NotFoundError, parseInstant } from '@ledger/governance';
import { readModelReader, replayAsKnownAt, type ClosableReadModelReader } from '@ledger/read-models';

/**
 * What a request that asked for a past moment reads: the read models replayed as known then,
 * instead of the live ones, and the moment itself, at which the authority reads fold the streams.
 */
export const asKnownOfRequest = new AsyncLocalStorage<{ reader: ClosableReadModelReader; knownAt: KnownAt }>();

export const AS_KNOWN_AT_HEADER = 'x-ledger-as-known-at';

/**
 * `X-Ledger-As-Known-At: <instant>` on a read serves it from the read models `ledger replay
 * --as-known-at <instant>` (or `POST /v1/ledger/replays`) built, and answers authority from the
 * streams as they stood then: the ledger as it stood then, every read alike. No replay for that
 * instant is 404, saying how to build it.
 */
@Injectable()
export class AsKnownAtInterceptor implements NestInterceptor {
  private readonly readers = new Map<string, ClosableReadModelReader>();

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ method: string; headers: Record<string, string | undefined> }>();
    const header = request.headers[AS_KNOWN_AT_HEADER];
    if (header === undefined || request.method !== 'GET') return next.handle(); // reads only: commands act on the ledger as it is

    return from(this.asKnown(header)).pipe(switchMap((asKnown) => asKnownOfRequest.run(asKnown, () => next.handle())));
  }

  private async asKnown(header: string): Promise<{ reader: ClosableReadModelReader; knownAt: KnownAt }> {
    const instant = parseInstant(header);
    if (instant === undefined) throw new InvalidCommandError(`${AS_KNOWN_AT_HEADER} must be a date or an instant (ISO 8601).`, AS_KNOWN_AT_HEADER);
    const schema = await replayAsKnownAt(this.database, instant);
    if (schema === null) {
      const asKnownAt = londonInstant(instant);
      throw new NotFoundError(
        'replay of the read models as known at',
        `${asKnownAt}: build it with  POST /v1/ledger/replays {"asKnownAt": "${asKnownAt}"}  (or  ledger replay --as-known-at ${asKnownAt} --schema <name>)`,
      );
    }
    let reader = this.readers.get(schema);
    if (!reader) this.readers.set(schema, (reader = readModelReader(this.database, schema)));
    return { reader, knownAt: { asKnownAt: instant } };
  }
}
