import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { searchLedger, type SearchResults } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { SearchLedger } from './search-ledger.query.js';

@QueryHandler(SearchLedger)
export class SearchLedgerHandler implements IQueryHandler<SearchLedger> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ words }: SearchLedger): Promise<SearchResults> {
    return searchLedger(this.readModels, words);
  }
}
