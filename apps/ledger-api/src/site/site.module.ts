import { Module } from '@nestjs/common';
import { BodyPagesController } from './bodies/body-pages.controller.js';
import { HomeController } from './home/home.controller.js';
import { ProposalPagesController } from './proposals/proposal-pages.controller.js';
import { OrganisationPageController } from './organisations/organisation-page.controller.js';
import { LedgerStanding } from './ledger-standing.js';
import { SitePageFilter } from './site-page.filter.js';
import { SitePages } from './site-pages.js';

/**
 * The website for scrutiny members, auditors, clerks and the public: server-rendered pages on the
 * same queries as the JSON API (through the query bus; never a query of its own), each page's
 * presenter turning a read model's answer into what its template shows.
 */
@Module({
  controllers: [HomeController, OrganisationPageController, BodyPagesController, ProposalPagesController],
  providers: [LedgerStanding, SitePages, SitePageFilter],
})
export class SiteModule {}
