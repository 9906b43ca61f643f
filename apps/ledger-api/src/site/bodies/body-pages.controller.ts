import { Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '@ledger/governance';
import { MAX_LIMIT } from '@ledger/read-models';
import { toCsv } from '../../lists/csv.js';
import { inLondonTime } from '../../london-time/in-london-time.js';
import { GetHolderAuthority } from '../../registers/authority-register/get-holder-authority.query.js';
import { GetBody } from '../../registers/body-register/get-body.query.js';
import { BodyDecisionsQuery } from '../../registers/decisions-register/body-decisions.query-params.js';
import { GetBodyDecisions } from '../../registers/decisions-register/body-decisions.query.js';
import { decisionFilterOf } from '../../registers/decisions-register/decision-filter.params.js';
import { GetDelegationInstruments } from '../../registers/names/get-delegation-instruments.query.js';
import { GetNames } from '../../registers/names/get-names.query.js';
import { ReadAtParams } from '../../registers/read.params.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { deciderIds } from '../decisions/decision-summary.js';
import { PageReader, type Reader } from '../reader.decorator.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { presentBodyDecisionsFeed } from './body-decisions-feed.presenter.js';
import { presentBodyDecisions } from './body-decisions.presenter.js';
import { bodyNameIds, heldDelegationIds, presentBody } from './body.presenter.js';

/** How many decisions a page of the register shows, and how many the feed carries. */
const REGISTER_PAGE = 25;
const FEED_ENTRIES = 50;

@SitePageController('bodies')
export class BodyPagesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
  ) {}

  @Get(':id')
  async body(@SlugParam('id', 'body') id: string, @QueryParams() query: ReadAtParams, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const body = await this.queries.execute(new GetBody(id, query.at));
    const authority = await this.queries.execute(new GetHolderAuthority({ holderId: id, at: body.at }));
    const [names, instruments] = await Promise.all([
      this.queries.execute(new GetNames(bodyNameIds(body, authority))),
      this.queries.execute(new GetDelegationInstruments(heldDelegationIds(authority))),
    ]);
    return this.pages.render(reply, 'body', presentBody(body, authority, instruments, names));
  }

  @Get(':id/decisions')
  async decisions(@SlugParam('id', 'body') id: string, @QueryParams() query: BodyDecisionsQuery, @PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const decisions = await this.queries.execute(new GetBodyDecisions(id, { ...decisionFilterOf(query), limit: query.limit ?? REGISTER_PAGE }, reader.seesExemptDetail));
    const names = await this.queries.execute(new GetNames([id, ...deciderIds(decisions.items)]));
    if (names[id] === undefined) throw new NotFoundError('body', id);
    return this.pages.render(reply, 'body-decisions', presentBodyDecisions({ id, name: names[id] }, decisionFilterOf(query), decisions, names));
  }

  /**
   * The whole register as one CSV file, every field as the JSON API's CSV gives it (exempt detail
   * withheld from the public alike): read a page of MAX_LIMIT at a time through the same query, so
   * that a clerk who opens it in Excel has every decision, not the first page.
   */
  @Get(':id/decisions.csv')
  async decisionsCsv(@SlugParam('id', 'body') id: string, @QueryParams() query: BodyDecisionsQuery, @PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const decisions = [];
    let cursor: string | undefined = query.cursor;
    do {
      const page = await this.queries.execute(new GetBodyDecisions(id, { ...decisionFilterOf(query), limit: MAX_LIMIT, cursor }, reader.seesExemptDetail));
      decisions.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${id}-decisions.csv"`)
      .send(toCsv(inLondonTime(decisions) as Record<string, unknown>[]));
  }

  /** The latest decisions as an Atom feed, for readers that follow a body. */
  @Get(':id/decisions.atom')
  async decisionsFeed(@SlugParam('id', 'body') id: string, @PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const [body, decisions] = await Promise.all([
      this.queries.execute(new GetBody(id, undefined)),
      this.queries.execute(new GetBodyDecisions(id, { limit: FEED_ENTRIES }, reader.seesExemptDetail)),
    ]);
    const origin = `${reply.request.protocol}://${reply.request.host}`;
    return reply.header('Content-Type', 'application/atom+xml; charset=utf-8').view('feeds/decisions.njk', presentBodyDecisionsFeed(body, decisions.items, origin));
  }
}
