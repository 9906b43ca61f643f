import { Query } from '@nestjs/cqrs';
import type { SearchResults } from '@ledger/read-models';

/** Organisations, bodies and proposals by words in their name, title or id. */
export class SearchLedger extends Query<SearchResults> {
  constructor(readonly words: string) {
    super();
  }
}
