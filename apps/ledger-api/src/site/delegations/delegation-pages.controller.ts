import { Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { NotFoundError, parseInstant } from '@ledger/governance';
import { MAX_LIMIT } from '@ledger/read-models';
import { GetDelegation } from '../../registers/delegation-register/get-delegation.query.js';
import { GetDelegations } from '../../registers/delegation-register/get-delegations.query.js';
import { GetNames } from '../../registers/names/get-names.query.js';
import { GetOrganisation } from '../../registers/organisation-register/get-organisation.query.js';
import { ReadAtParams } from '../../registers/read.params.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { delegationNameIds, presentDelegation } from './delegation.presenter.js';
import { presentScheme, schemePartyIds } from './scheme.presenter.js';

@SitePageController('organisations')
export class DelegationPagesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
  ) {}

  /** The scheme of delegation at a date (today when none is asked for): the delegations in force then, as the ledger knows them now. */
  @Get(':id/delegations')
  async scheme(@SlugParam('id', 'organisation') id: string, @QueryParams() query: ReadAtParams, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const at = parseInstant(query.at ?? new Date().toISOString())!;
    const organisation = await this.queries.execute(new GetOrganisation(id));
    // A successor's scheme holds what its predecessors' schemes passed to it when they were dissolved.
    const schemes = [id, ...organisation.predecessors.filter((predecessor) => predecessor.transferDelegations && Date.parse(predecessor.succeededOn) <= Date.parse(at)).map((predecessor) => predecessor.id)];
    const pages = await Promise.all(schemes.map((organisationId) => this.queries.execute(new GetDelegations({ organisationId, at, limit: MAX_LIMIT }))));
    const delegations = pages.flatMap((page) => page.items);
    const names = await this.queries.execute(new GetNames([...schemePartyIds(delegations), ...organisation.predecessors.map((predecessor) => predecessor.id)]));
    return this.pages.render(reply, 'scheme', presentScheme(organisation, at, delegations, names));
  }

  @Get(':id/delegations/:delegationId')
  async delegation(@SlugParam('id', 'organisation') id: string, @SlugParam('delegationId', 'delegation') delegationId: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const delegation = await this.queries.execute(new GetDelegation(delegationId));
    if (delegation.organisationId !== id) throw new NotFoundError('delegation of this organisation', delegationId);
    const names = await this.queries.execute(new GetNames(delegationNameIds(delegation)));
    return this.pages.render(reply, 'delegation', presentDelegation(delegation, names));
  }
}
