import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { OrganisationRequest } from './organisation.request.js';
import { RegisterOrganisation } from './register-organisation.command.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class RegisterOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('clerk')
  @ApiOperation({ summary: 'Register a sovereign organisation with its statutory functions.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  register(@Body() request: OrganisationRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new RegisterOrganisation(request, context));
  }
}
