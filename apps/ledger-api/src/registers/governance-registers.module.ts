import { Module } from '@nestjs/common';
import { AuthorityRegisterController } from './authority-register/authority.controller.js';
import { CheckAuthorityHandler } from './authority-register/check-authority.handler.js';
import { GetHolderAuthorityHandler } from './authority-register/get-holder-authority.handler.js';
import { BodyRegisterController } from './body-register/bodies.controller.js';
import { GetBodiesHandler } from './body-register/get-bodies.handler.js';
import { GetBodyHandler } from './body-register/get-body.handler.js';
import { DelegationRegisterController } from './delegation-register/delegations.controller.js';
import { GetDelegationHandler } from './delegation-register/get-delegation.handler.js';
import { GetDelegationsHandler } from './delegation-register/get-delegations.handler.js';
import { GetOrganisationHandler } from './organisation-register/get-organisation.handler.js';
import { GetOrganisationsHandler } from './organisation-register/get-organisations.handler.js';
import { OrganisationRegisterController } from './organisation-register/organisations.controller.js';
import { GetDelegationInstrumentsHandler } from './names/get-delegation-instruments.handler.js';
import { GetNamesHandler } from './names/get-names.handler.js';
import { SearchController } from './search/search.controller.js';
import { SearchLedgerHandler } from './search/search-ledger.handler.js';
import { GetPostHandler } from './post-register/get-post.handler.js';
import { PostRegisterController } from './post-register/posts.controller.js';

/** The registers of organisations, bodies, posts and delegations, and the authority reads (API.md "Reads"). */
@Module({
  controllers: [OrganisationRegisterController, BodyRegisterController, PostRegisterController, DelegationRegisterController, AuthorityRegisterController, SearchController],
  providers: [
    GetOrganisationsHandler,
    GetOrganisationHandler,
    GetBodiesHandler,
    GetBodyHandler,
    GetPostHandler,
    GetDelegationsHandler,
    GetDelegationHandler,
    CheckAuthorityHandler,
    GetHolderAuthorityHandler,
    GetNamesHandler,
    GetDelegationInstrumentsHandler,
    SearchLedgerHandler,
  ],
})
export class GovernanceRegistersModule {}
