import { Module } from '@nestjs/common';
import { DissolveBodyController } from './dissolve-body/dissolve-body.controller.js';
import { StartMembershipController } from './start-membership/start-membership.controller.js';
import { EndMembershipController } from './end-membership/end-membership.controller.js';
import { DissolveBodyHandler } from './dissolve-body/dissolve-body.handler.js';
import { EndMembershipHandler } from './end-membership/end-membership.handler.js';
import { EstablishBodyController } from './establish-body/establish-body.controller.js';
import { EstablishBodyHandler } from './establish-body/establish-body.handler.js';
import { StartMembershipHandler } from './start-membership/start-membership.handler.js';

@Module({
  controllers: [EstablishBodyController, DissolveBodyController, StartMembershipController, EndMembershipController],
  providers: [EstablishBodyHandler, DissolveBodyHandler, StartMembershipHandler, EndMembershipHandler],
})
export class BodiesModule {}
