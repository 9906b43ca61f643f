import { Module } from '@nestjs/common';
import { ChangeDelegationHandler } from './change-delegation/change-delegation.handler.js';
import { GrantDelegationController } from './grant-delegation/grant-delegation.controller.js';
import { ChangeDelegationController } from './change-delegation/change-delegation.controller.js';
import { GrantDelegationHandler } from './grant-delegation/grant-delegation.handler.js';

@Module({
  controllers: [GrantDelegationController, ChangeDelegationController],
  providers: [GrantDelegationHandler, ChangeDelegationHandler],
})
export class DelegationsModule {}
