import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../api-keys/access.decorator.js';
import { CommandAnswer } from '../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../commands/command-context.decorator.js';
import { SlugParam } from '../validation/slug-param.pipe.js';
import { BodyDissolutionRequest } from './dissolve-body/body-dissolution.request.js';
import { DissolveBody } from './dissolve-body/dissolve-body.command.js';
import { EndMembership } from './end-membership/end-membership.command.js';
import { MembershipEndRequest } from './end-membership/membership-end.request.js';
import { MembershipRequest } from './start-membership/membership.request.js';
import { StartMembership } from './start-membership/start-membership.command.js';

/** A body's life after it is established: dissolution and who sits on it. */
@ApiTags('bodies')
@ApiBearerAuth()
@Controller('v1/bodies')
export class BodyLifeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/dissolution')
  @Allow('clerk')
  @ApiOperation({ summary: 'Dissolve a body on a date; its running memberships end then.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  dissolve(@SlugParam('id', 'body') bodyId: string, @Body() request: BodyDissolutionRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new DissolveBody(bodyId, request, context));
  }

  @Post(':id/memberships')
  @Allow('clerk')
  @ApiOperation({ summary: 'Record who sits on a body (a person or an organisation) from a date.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  startMembership(@SlugParam('id', 'body') bodyId: string, @Body() request: MembershipRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new StartMembership(bodyId, request, context));
  }

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
