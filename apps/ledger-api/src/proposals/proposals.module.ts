import { Module } from '@nestjs/common';
import { AmendProposalHandler } from './amend-proposal/amend-proposal.handler.js';
import { DecisionsController } from './decisions.controller.js';
import { LodgeCallInHandler } from './lodge-call-in/lodge-call-in.handler.js';
import { ProposalsController } from './proposals.controller.js';
import { RecordRatificationHandler } from './record-ratification/record-ratification.handler.js';
import { RescindRatificationHandler } from './rescind-ratification/rescind-ratification.handler.js';
import { ResolveCallInHandler } from './resolve-call-in/resolve-call-in.handler.js';
import { TableProposalHandler } from './table-proposal/table-proposal.handler.js';
import { WithdrawProposalHandler } from './withdraw-proposal/withdraw-proposal.handler.js';

@Module({
  controllers: [ProposalsController, DecisionsController],
  providers: [
    TableProposalHandler,
    AmendProposalHandler,
    WithdrawProposalHandler,
    RecordRatificationHandler,
    RescindRatificationHandler,
    LodgeCallInHandler,
    ResolveCallInHandler,
  ],
})
export class ProposalsModule {}
