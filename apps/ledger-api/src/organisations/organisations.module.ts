import { Module } from '@nestjs/common';
import { DissolveOrganisationController } from './dissolve-organisation/dissolve-organisation.controller.js';
import { DissolveOrganisationHandler } from './dissolve-organisation/dissolve-organisation.handler.js';
import { RegisterOrganisationController } from './register-organisation/register-organisation.controller.js';
import { RegisterOrganisationHandler } from './register-organisation/register-organisation.handler.js';

@Module({
  controllers: [RegisterOrganisationController, DissolveOrganisationController],
  providers: [RegisterOrganisationHandler, DissolveOrganisationHandler],
})
export class OrganisationsModule {}
