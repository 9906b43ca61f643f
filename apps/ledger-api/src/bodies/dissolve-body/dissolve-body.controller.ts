import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { BodyDissolutionRequest } from './body-dissolution.request.js';
import { DissolveBody } from './dissolve-body.command.js';

/** A body's dissolution (a governing body's seat is vacated with it): clerks. */
@ApiTags('bodies')
@ApiBearerAuth()
@Controller('v1/bodies')
export class DissolveBodyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/dissolution')
  @Allow('clerk')
  @ApiOperation({ summary: 'Dissolve a body on a date; its running memberships end then.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  dissolve(@SlugParam('id', 'body') bodyId: string, @Body() request: BodyDissolutionRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new DissolveBody(bodyId, request, context));
  }
}
