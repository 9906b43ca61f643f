import { Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { MAX_LIMIT } from '@ledger/read-models';
import { GetNames } from '../../registers/names/get-names.query.js';
import { ListRatificationRegister } from '../../registers/ratification-register/list-ratifications.query.js';
import { RatificationsQuery } from '../../registers/ratification-register/ratifications.query-params.js';
import { PageReader, type Reader } from '../reader.decorator.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { callInNameIds, presentCallIns } from './call-ins.presenter.js';
import { presentDecisionRegister } from './decision-register.presenter.js';
import { deciderIds } from './decision-summary.js';

const REGISTER_PAGE = 25;

@SitePageController()
export class DecisionPagesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
  ) {}

  @Get('decisions')
  async register(@QueryParams() query: RatificationsQuery, @PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const filters = { organisationId: query.organisationId, outcome: query.outcome, callIn: query.callIn, keyDecision: query.keyDecision, from: query.from, to: query.to };
    const page = await this.queries.execute(new ListRatificationRegister({ ...filters, limit: query.limit ?? REGISTER_PAGE, cursor: query.cursor }, query.authority, reader.seesExemptDetail));
    const names = await this.queries.execute(new GetNames(deciderIds(page.items)));
    return this.pages.render(reply, 'decisions', presentDecisionRegister({ ...filters, keyDecision: query.keyDecision === undefined ? undefined : String(query.keyDecision), authority: query.authority }, page, names));
  }

  @Get('call-ins')
  async callIns(@PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const [open, lodged] = await Promise.all([
      this.queries.execute(new ListRatificationRegister({ callIn: 'open', limit: MAX_LIMIT }, undefined, reader.seesExemptDetail)),
      this.queries.execute(new ListRatificationRegister({ callIn: 'lodged', limit: MAX_LIMIT }, undefined, reader.seesExemptDetail)),
    ]);
    const names = await this.queries.execute(new GetNames(callInNameIds([...open.items, ...lodged.items])));
    return this.pages.render(reply, 'call-ins', presentCallIns(open.items, lodged.items, names));
  }
}
