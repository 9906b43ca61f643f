import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { namesOf } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetNames } from './get-names.query.js';
import { ReadInTheLastSecond } from './read-in-the-last-second.js';

@QueryHandler(GetNames)
export class GetNamesHandler implements IQueryHandler<GetNames> {
  private readonly names: ReadInTheLastSecond<string>;

  constructor(@Inject(READ_MODELS) readModels: ReadModels) {
    this.names = new ReadInTheLastSecond((ids) => namesOf(readModels, ids));
  }

  execute({ ids }: GetNames): Promise<Record<string, string>> {
    return this.names.of(ids);
  }
}
