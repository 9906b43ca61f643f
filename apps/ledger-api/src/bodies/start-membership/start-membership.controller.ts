import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { MembershipRequest } from './membership.request.js';
import { StartMembership } from './start-membership.command.js';

/** Who sits on a body from a date: clerks. */
@ApiTags('bodies')
@ApiBearerAuth()
@Controller('v1/bodies')
export class StartMembershipController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/memberships')
  @Allow('clerk')
  @ApiOperation({ summary: 'Record who sits on a body (a person or an organisation) from a date.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  startMembership(@SlugParam('id', 'body') bodyId: string, @Body() request: MembershipRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new StartMembership(bodyId, request, context));
  }
}
