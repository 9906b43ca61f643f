import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listBodies, type BodySummaryView, type Page } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetBodies } from './get-bodies.query.js';

@QueryHandler(GetBodies)
export class GetBodiesHandler implements IQueryHandler<GetBodies> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ options }: GetBodies): Promise<Page<BodySummaryView>> {
    return listBodies(this.readModels, options);
  }
}
