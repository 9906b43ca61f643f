import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { CallInResolutionRequest } from '../lodge-call-in/call-in.request.js';
import { ProposalAnswer } from '../proposal-answer.js';
import { ResolveCallIn } from './resolve-call-in.command.js';

/** What became of a call-in: clerks, and integrations for their scrutiny bodies. */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals/:id')
export class ResolveCallInController {
  constructor(private readonly commands: CommandBus) {}

  @Post('call-ins/:callInId/resolution')
  @Allow('clerk', 'integration')
  @ApiOperation({ summary: 'Resolve a call-in: no further action, or referred back (the decision is set aside).' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  resolve(
    @SlugParam('id', 'proposal') proposalId: string,
    @SlugParam('callInId', 'call-in') callInId: string,
    @Body() request: CallInResolutionRequest,
    @Context() context: CommandContext,
  ): Promise<ProposalAnswer> {
    return this.commands.execute(new ResolveCallIn(proposalId, callInId, request, context));
  }
}
