import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { RatificationAnswer } from './ratification-answer.js';
import { RatificationRequest } from './ratification.request.js';
import { RecordRatification } from './record-ratification.command.js';

/** What sovereign bodies decide on proposals: clerks, and integrations for their bodies. */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals/:id')
export class RecordRatificationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('ratifications')
  @Allow('clerk', 'integration')
  @ApiOperation({
    summary: 'Record an organisation’s decision on a version of the proposal; refused (422 no_authority) when the decider lacked authority, and (400) when decidedOn is in the future.',
  })
  @ApiCreatedResponse({ type: RatificationAnswer })
  ratify(@SlugParam('id', 'proposal') proposalId: string, @Body() request: RatificationRequest, @Context() context: CommandContext): Promise<RatificationAnswer> {
    return this.commands.execute(new RecordRatification(proposalId, request, context));
  }
}
