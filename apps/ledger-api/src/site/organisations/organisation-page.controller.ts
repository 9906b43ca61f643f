import { Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { MAX_LIMIT } from '@ledger/read-models';
import { GetDelegations } from '../../registers/delegation-register/get-delegations.query.js';
import { GetNames } from '../../registers/names/get-names.query.js';
import { GetOrganisation } from '../../registers/organisation-register/get-organisation.query.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { delegationPartyIds, presentOrganisation } from './organisation.presenter.js';

@SitePageController('organisations')
export class OrganisationPageController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
  ) {}

  @Get(':id')
  async organisation(@SlugParam('id', 'organisation') id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const organisation = await this.queries.execute(new GetOrganisation(id));
    const delegations = organisation.dissolution ? (await this.queries.execute(new GetDelegations({ organisationId: id, limit: MAX_LIMIT }))).items : [];
    const names = await this.queries.execute(new GetNames(delegationPartyIds(delegations)));
    return this.pages.render(reply, 'organisation', presentOrganisation(organisation, delegations, names));
  }
}
