import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { namesOf } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetNames } from './get-names.query.js';

@QueryHandler(GetNames)
export class GetNamesHandler implements IQueryHandler<GetNames> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ ids }: GetNames): Promise<Record<string, string>> {
    return namesOf(this.readModels, ids);
  }
}
