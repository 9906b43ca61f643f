import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { ProposalAnswer } from '../proposal-answer.js';
import { WithdrawProposal } from './withdraw-proposal.command.js';
import { WithdrawalRequest } from './withdrawal.request.js';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals')
export class WithdrawProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/withdrawal')
  @Allow('clerk')
  @ApiOperation({ summary: 'Withdraw a proposal; this is final.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  withdraw(@SlugParam('id', 'proposal') proposalId: string, @Body() request: WithdrawalRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new WithdrawProposal(proposalId, request, context));
  }
}
