import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { EndMembership } from './end-membership.command.js';
import { MembershipEndRequest } from './membership-end.request.js';

/** A seat on a body ended: clerks. */
@ApiTags('bodies')
@ApiBearerAuth()
@Controller('v1/bodies')
export class EndMembershipController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/memberships/:membershipId/end')
  @Allow('clerk')
  @ApiOperation({ summary: 'End a membership on a date.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  endMembership(
    @SlugParam('id', 'body') bodyId: string,
    @SlugParam('membershipId', 'membership') membershipId: string,
    @Body() request: MembershipEndRequest,
    @Context() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new EndMembership(bodyId, membershipId, request, context));
  }
}
