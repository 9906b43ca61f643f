import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { CallInRequest } from './call-in.request.js';
import { LodgeCallIn } from './lodge-call-in.command.js';
import { ProposalAnswer } from '../proposal-answer.js';

/** Scrutiny calling a decision in: clerks, and integrations for their scrutiny bodies. */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals/:id')
export class LodgeCallInController {
  constructor(private readonly commands: CommandBus) {}

  @Post('call-ins')
  @Allow('clerk', 'integration')
  @ApiOperation({ summary: 'A scrutiny committee calls in a decision before its call-in deadline.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  callIn(@SlugParam('id', 'proposal') proposalId: string, @Body() request: CallInRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new LodgeCallIn(proposalId, request, context));
  }
}
