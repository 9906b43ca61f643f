import { Module } from '@nestjs/common';
import { BodyLifeController } from './bodies.controller.js';
import { DissolveBodyHandler } from './dissolve-body/dissolve-body.handler.js';
import { EndMembershipHandler } from './end-membership/end-membership.handler.js';
import { EstablishBodyController } from './establish-body/establish-body.controller.js';
import { EstablishBodyHandler } from './establish-body/establish-body.handler.js';
import { StartMembershipHandler } from './start-membership/start-membership.handler.js';

@Module({
  controllers: [EstablishBodyController, BodyLifeController],
  providers: [EstablishBodyHandler, DissolveBodyHandler, StartMembershipHandler, EndMembershipHandler],
})
export class BodiesModule {}
