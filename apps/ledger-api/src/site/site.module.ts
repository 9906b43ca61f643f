import { Global, Module } from '@nestjs/common';
import { PROBLEM_PAGE } from '../problems/problem-page.js';
import { AuthorityPageController } from './authority/authority-page.controller.js';
import { BodyPagesController } from './bodies/body-pages.controller.js';
import { DecisionPagesController } from './decisions/decision-pages.controller.js';
import { DelegationPagesController } from './delegations/delegation-pages.controller.js';
import { HomeController } from './home/home.controller.js';
import { ProposalPagesController } from './proposals/proposal-pages.controller.js';
import { OrganisationPageController } from './organisations/organisation-page.controller.js';
import { LedgerPagesController } from './ledger/ledger-pages.controller.js';
import { LedgerStanding } from './ledger-standing.js';
import { PageReaderGuard } from './sign-in/page-reader.guard.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { SiteSessions } from './sign-in/site-sessions.js';
import { SitePageFilter } from './site-page.filter.js';
import { SitePages } from './site-pages.js';
import { SiteProblemPage } from './site-problem-page.js';

/**
 * The website for scrutiny members, auditors, clerks and the public: server-rendered pages on the
 * same queries as the JSON API (through the query bus; never a query of its own), each page's
 * presenter turning a read model's answer into what its template shows.
 */
@Global()
@Module({
  controllers: [SignInController, HomeController, OrganisationPageController, DelegationPagesController, BodyPagesController, ProposalPagesController, DecisionPagesController, AuthorityPageController, LedgerPagesController],
  providers: [LedgerStanding, SitePages, SitePageFilter, SiteSessions, PageReaderGuard, SiteProblemPage, { provide: PROBLEM_PAGE, useExisting: SiteProblemPage }],
  exports: [PROBLEM_PAGE],
})
export class SiteModule {}
