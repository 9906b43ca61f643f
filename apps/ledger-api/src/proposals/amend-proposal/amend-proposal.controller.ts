import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { AmendProposal } from './amend-proposal.command.js';
import { AmendmentRequest } from './amendment.request.js';
import { ProposalAnswer } from '../proposal-answer.js';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals')
export class AmendProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/amendments')
  @Allow('clerk')
  @ApiOperation({ summary: 'Amend a proposal: a new version, on which earlier decisions no longer count.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  amend(@SlugParam('id', 'proposal') proposalId: string, @Body() request: AmendmentRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new AmendProposal(proposalId, request, context));
  }
}
