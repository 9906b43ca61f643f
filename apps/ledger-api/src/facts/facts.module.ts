import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { AuthorityFacts, FoldedStreams } from '@ledger/facts';

/**
 * What the ledger knows, read from its streams: one cache of folded streams and one reading of
 * authority's facts, shared by the commands (which decide on them) and the reads (which answer
 * authority questions on them), so that both judge authority the same way.
 */
@Global()
@Module({
  providers: [
    { provide: FoldedStreams, inject: [EVENT_STORE], useFactory: (store: EventStore) => new FoldedStreams(store) },
    { provide: AuthorityFacts, inject: [FoldedStreams], useFactory: (streams: FoldedStreams) => new AuthorityFacts(streams) },
  ],
  exports: [FoldedStreams, AuthorityFacts],
})
export class FactsModule {}
