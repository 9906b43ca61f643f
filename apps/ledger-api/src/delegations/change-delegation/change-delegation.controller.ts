import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { ChangeDelegation } from './change-delegation.command.js';
import { DelegationChangeRequest, DelegationVariationRequest } from './delegation-change.request.js';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('v1/delegations')
export class ChangeDelegationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/variations')
  @Allow('clerk')
  @ApiOperation({ summary: 'Vary a delegation’s terms from a date.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  vary(@SlugParam('id', 'delegation') id: string, @Body() request: DelegationVariationRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeDelegation(id, { kind: 'VaryDelegation', request }, context));
  }

  @Post(':id/suspensions')
  @Allow('clerk')
  @ApiOperation({ summary: 'Suspend a delegation from a date.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  suspend(@SlugParam('id', 'delegation') id: string, @Body() request: DelegationChangeRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeDelegation(id, { kind: 'SuspendDelegation', request }, context));
  }

  @Post(':id/reinstatements')
  @Allow('clerk')
  @ApiOperation({ summary: 'Reinstate a suspended delegation from a date.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  reinstate(@SlugParam('id', 'delegation') id: string, @Body() request: DelegationChangeRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeDelegation(id, { kind: 'ReinstateDelegation', request }, context));
  }

  @Post(':id/revocation')
  @Allow('clerk')
  @ApiOperation({ summary: 'Revoke a delegation from a date (which may be in the past).' })
  @ApiCreatedResponse({ type: CommandAnswer })
  revoke(@SlugParam('id', 'delegation') id: string, @Body() request: DelegationChangeRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeDelegation(id, { kind: 'RevokeDelegation', request }, context));
  }
}
