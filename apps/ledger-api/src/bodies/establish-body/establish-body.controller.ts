import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { BodyRequest } from './body.request.js';
import { EstablishBody } from './establish-body.command.js';

@ApiTags('bodies')
@ApiBearerAuth()
@Controller('v1/bodies')
export class EstablishBodyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('clerk')
  @ApiOperation({ summary: 'Establish a body that decides: a governing body, committee, joint committee, committee in common, board…' })
  @ApiCreatedResponse({ type: CommandAnswer })
  establish(@Body() request: BodyRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new EstablishBody(request, context));
  }
}
