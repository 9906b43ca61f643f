import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MAX_LIMIT } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { GetDelegations } from '../../registers/delegation-register/get-delegations.query.js';
import { GetNames } from '../../registers/names/get-names.query.js';
import { GetOrganisation } from '../../registers/organisation-register/get-organisation.query.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { SitePageFilter } from '../site-page.filter.js';
import { SitePages } from '../site-pages.js';
import { delegationPartyIds, presentOrganisation } from './organisation.presenter.js';

@ApiExcludeController()
@Controller('organisations')
@UseFilters(SitePageFilter)
export class OrganisationPageController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
  ) {}

  @Get(':id')
  @PublicRead()
  async organisation(@SlugParam('id', 'organisation') id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const organisation = await this.queries.execute(new GetOrganisation(id));
    const delegations = organisation.dissolution ? (await this.queries.execute(new GetDelegations({ organisationId: id, limit: MAX_LIMIT }))).items : [];
    const names = await this.queries.execute(new GetNames(delegationPartyIds(delegations)));
    return this.pages.render(reply, 'organisation', presentOrganisation(organisation, delegations, names));
  }
}
