import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { DissolutionRequest } from './dissolution.request.js';
import { DissolveOrganisation } from './dissolve-organisation.command.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class DissolveOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/dissolution')
  @Allow('clerk')
  @ApiOperation({ summary: 'Dissolve an organisation on a date, naming its successor and whether its delegations transfer or lapse.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  dissolve(@SlugParam('id') organisationId: string, @Body() request: DissolutionRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new DissolveOrganisation(organisationId, request, context));
  }
}
