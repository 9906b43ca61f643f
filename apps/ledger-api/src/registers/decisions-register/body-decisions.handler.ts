import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { bodyDecisions, redactExempt, type Page, type RatificationView } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetBodyDecisions } from './body-decisions.query.js';

@QueryHandler(GetBodyDecisions)
export class GetBodyDecisionsHandler implements IQueryHandler<GetBodyDecisions> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ bodyId, filter, seesExemptDetail }: GetBodyDecisions): Promise<Page<RatificationView>> {
    const page = await bodyDecisions(this.readModels, bodyId, filter);
    return seesExemptDetail ? page : redactExempt(page);
  }
}
