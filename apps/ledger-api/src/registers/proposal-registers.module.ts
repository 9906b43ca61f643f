import { Module } from '@nestjs/common';
import { GetBodyDecisionsHandler } from './decisions-register/body-decisions.handler.js';
import { DecisionsRegisterController } from './decisions-register/decisions-register.controller.js';
import { GetProposalHandler, GetProposalHistoryHandler, ListProposalRegisterHandler } from './proposal-register/proposal-register.handlers.js';
import { ProposalRegisterController } from './proposal-register/proposal-register.controller.js';
import { ListRatificationRegisterHandler } from './ratification-register/list-ratifications.handler.js';
import { RatificationRegisterController } from './ratification-register/ratification-register.controller.js';

/** The registers of proposals, ratifications and bodies' decisions: public reads, exempt detail redacted for those who may not see it. */
@Module({
  controllers: [ProposalRegisterController, RatificationRegisterController, DecisionsRegisterController],
  providers: [ListProposalRegisterHandler, GetProposalHandler, GetProposalHistoryHandler, ListRatificationRegisterHandler, GetBodyDecisionsHandler],
})
export class ProposalRegistersModule {}
