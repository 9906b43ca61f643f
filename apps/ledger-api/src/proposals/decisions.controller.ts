import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../commands/command-context.decorator.js';
import { SlugParam } from '../validation/slug-param.pipe.js';
import { CallInRequest, CallInResolutionRequest } from './lodge-call-in/call-in.request.js';
import { LodgeCallIn } from './lodge-call-in/lodge-call-in.command.js';
import { ProposalAnswer } from './proposal-answer.js';
import { RatificationAnswer } from './record-ratification/ratification-answer.js';
import { RatificationRequest } from './record-ratification/ratification.request.js';
import { RecordRatification } from './record-ratification/record-ratification.command.js';
import { RescindRatification } from './rescind-ratification/rescind-ratification.command.js';
import { RescissionRequest } from './rescind-ratification/rescission.request.js';
import { ResolveCallIn } from './resolve-call-in/resolve-call-in.command.js';

/** What sovereign bodies decide on proposals, and what scrutiny does about it: clerks, and integrations for their bodies. */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals/:id')
export class DecisionsController {
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

  @Post('call-ins')
  @Allow('clerk', 'integration')
  @ApiOperation({ summary: 'A scrutiny committee calls in a decision before its call-in deadline.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  callIn(@SlugParam('id', 'proposal') proposalId: string, @Body() request: CallInRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new LodgeCallIn(proposalId, request, context));
  }

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
