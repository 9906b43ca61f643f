import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { DelegationRequest } from './delegation.request.js';
import { GrantDelegation } from './grant-delegation.command.js';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('v1/delegations')
export class GrantDelegationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('clerk')
  @ApiOperation({ summary: 'Delegate authority from a body or post to another, on behalf of an organisation.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  grant(@Body() request: DelegationRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new GrantDelegation(request, context));
  }
}
