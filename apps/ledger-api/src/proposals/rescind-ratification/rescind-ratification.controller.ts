import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { ProposalAnswer } from '../proposal-answer.js';
import { RescindRatification } from './rescind-ratification.command.js';
import { RescissionRequest } from './rescission.request.js';

/** A decision recorded wrongly, rescinded: clerks, and integrations for their bodies. */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals/:id')
export class RescindRatificationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('ratifications/:ratificationId/rescission')
  @Allow('clerk', 'integration')
  @ApiOperation({ summary: 'Rescind a wrongly recorded decision; the record stays, marked rescinded.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  rescind(
    @SlugParam('id', 'proposal') proposalId: string,
    @SlugParam('ratificationId', 'ratification') ratificationId: string,
    @Body() request: RescissionRequest,
    @Context() context: CommandContext,
  ): Promise<ProposalAnswer> {
    return this.commands.execute(new RescindRatification(proposalId, ratificationId, request, context));
  }
}
