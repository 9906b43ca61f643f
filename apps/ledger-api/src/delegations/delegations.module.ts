import { Module } from '@nestjs/common';
import { ChangeDelegationHandler } from './change-delegation/change-delegation.handler.js';
import { DelegationsController } from './delegations.controller.js';
import { GrantDelegationHandler } from './grant-delegation/grant-delegation.handler.js';

@Module({
  controllers: [DelegationsController],
  providers: [GrantDelegationHandler, ChangeDelegationHandler],
})
export class DelegationsModule {}
