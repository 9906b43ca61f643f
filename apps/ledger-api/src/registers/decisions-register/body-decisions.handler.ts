import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@ledger/governance';
import { bodyDecisions, isKnownBodyOrPost, redactExempt, type Page, type RatificationView } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetBodyDecisions } from './body-decisions.query.js';

@QueryHandler(GetBodyDecisions)
export class GetBodyDecisionsHandler implements IQueryHandler<GetBodyDecisions> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ bodyId, filter, seesExemptDetail }: GetBodyDecisions): Promise<Page<RatificationView>> {
    if (!(await isKnownBodyOrPost(this.readModels, bodyId))) throw new NotFoundError('body or post', bodyId);
    const page = await bodyDecisions(this.readModels, bodyId, filter);
    return seesExemptDetail ? page : redactExempt(page);
  }
}
