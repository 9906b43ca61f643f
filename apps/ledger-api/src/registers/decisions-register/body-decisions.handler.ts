import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@ledger/governance';
import { AuthorityQueries, bodyDecisions, isKnownBodyOrPost, redactExempt, withAuthorityNow, type Page, type RatificationView, type WithAuthorityNow } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetBodyDecisions } from './body-decisions.query.js';

/** A body's decisions register, each decision saying whether its authority still holds on what the ledger knows now. */
@QueryHandler(GetBodyDecisions)
export class GetBodyDecisionsHandler implements IQueryHandler<GetBodyDecisions> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly authority: AuthorityQueries,
  ) {}

  async execute({ bodyId, filter, seesExemptDetail }: GetBodyDecisions): Promise<Page<WithAuthorityNow<RatificationView>>> {
    if (!(await isKnownBodyOrPost(this.readModels, bodyId))) throw new NotFoundError('body or post', bodyId);
    const found = await bodyDecisions(this.readModels, bodyId, filter);
    const page = { ...found, items: await withAuthorityNow(found.items, this.authority) };
    return seesExemptDetail ? page : redactExempt(page);
  }
}
