import { Module } from '@nestjs/common';
import { AmendProposalHandler } from './amend-proposal/amend-proposal.handler.js';
import { RecordRatificationController } from './record-ratification/record-ratification.controller.js';
import { RescindRatificationController } from './rescind-ratification/rescind-ratification.controller.js';
import { LodgeCallInController } from './lodge-call-in/lodge-call-in.controller.js';
import { ResolveCallInController } from './resolve-call-in/resolve-call-in.controller.js';
import { LodgeCallInHandler } from './lodge-call-in/lodge-call-in.handler.js';
import { TableProposalController } from './table-proposal/table-proposal.controller.js';
import { AmendProposalController } from './amend-proposal/amend-proposal.controller.js';
import { WithdrawProposalController } from './withdraw-proposal/withdraw-proposal.controller.js';
import { RecordRatificationHandler } from './record-ratification/record-ratification.handler.js';
import { RescindRatificationHandler } from './rescind-ratification/rescind-ratification.handler.js';
import { ResolveCallInHandler } from './resolve-call-in/resolve-call-in.handler.js';
import { TableProposalHandler } from './table-proposal/table-proposal.handler.js';
import { WithdrawProposalHandler } from './withdraw-proposal/withdraw-proposal.handler.js';

@Module({
  controllers: [TableProposalController, AmendProposalController, WithdrawProposalController, RecordRatificationController, RescindRatificationController, LodgeCallInController, ResolveCallInController],
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
