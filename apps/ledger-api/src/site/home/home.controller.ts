import { Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { GetNames } from '../../registers/names/get-names.query.js';
import { GetBodies } from '../../registers/body-register/get-bodies.query.js';
import { GetOrganisations } from '../../registers/organisation-register/get-organisations.query.js';
import { ListRatificationRegister } from '../../registers/ratification-register/list-ratifications.query.js';
import { deciderIds } from '../decisions/decision-summary.js';
import { PageReader, type Reader } from '../reader.decorator.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { SearchLedger } from '../../registers/search/search-ledger.query.js';
import { presentHome } from './home.presenter.js';
import { SearchPageParams } from './search-page.params.js';
import { presentSearch } from './search.presenter.js';

/** How many organisations and bodies the home page lists, and how many of the latest decisions. */
const LISTED = 200;
const LATEST_DECISIONS = 10;

@SitePageController()
export class HomeController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
  ) {}

  @Get()
  async home(@PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const [organisations, bodies, decisions] = await Promise.all([
      this.queries.execute(new GetOrganisations({ limit: LISTED })),
      this.queries.execute(new GetBodies({ limit: LISTED })),
      this.queries.execute(new ListRatificationRegister({ limit: LATEST_DECISIONS }, undefined, reader.seesExemptDetail)),
    ]);
    const names = await this.queries.execute(new GetNames(deciderIds(decisions.items)));
    return this.pages.render(reply, 'home', presentHome({ organisations: organisations.items, bodies: bodies.items, latestDecisions: decisions.items, names }));
  }

  /** The registers searched by words, as `GET /v1/search` searches them. */
  @Get('search')
  async search(@QueryParams() query: SearchPageParams, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const words = query.q?.trim() ?? '';
    const results = words === '' ? { organisations: [], bodies: [], proposals: [] } : await this.queries.execute(new SearchLedger(words));
    return this.pages.render(reply, 'search', presentSearch(words, results));
  }
}
