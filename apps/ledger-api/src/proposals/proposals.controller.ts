import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../commands/command-context.decorator.js';
import { SlugParam } from '../validation/slug-param.pipe.js';
import { AmendProposal } from './amend-proposal/amend-proposal.command.js';
import { AmendmentRequest } from './amend-proposal/amendment.request.js';
import { ProposalAnswer } from './proposal-answer.js';
import { ProposalRequest } from './table-proposal/proposal.request.js';
import { TableProposal } from './table-proposal/table-proposal.command.js';
import { WithdrawProposal } from './withdraw-proposal/withdraw-proposal.command.js';
import { WithdrawalRequest } from './withdraw-proposal/withdrawal.request.js';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals')
export class ProposalsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('clerk')
  @ApiOperation({ summary: 'Table a proposal with the route of approvals it must pass; answers version 1.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  table(@Body() request: ProposalRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new TableProposal(request, context));
  }

  @Post(':id/amendments')
  @Allow('clerk')
  @ApiOperation({ summary: 'Amend a proposal: a new version, on which earlier decisions no longer count.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  amend(@SlugParam('id', 'proposal') proposalId: string, @Body() request: AmendmentRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new AmendProposal(proposalId, request, context));
  }

  @Post(':id/withdrawal')
  @Allow('clerk')
  @ApiOperation({ summary: 'Withdraw a proposal; this is final.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  withdraw(@SlugParam('id', 'proposal') proposalId: string, @Body() request: WithdrawalRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new WithdrawProposal(proposalId, request, context));
  }
}
