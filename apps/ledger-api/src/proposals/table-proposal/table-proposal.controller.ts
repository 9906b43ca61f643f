import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { ProposalAnswer } from '../proposal-answer.js';
import { ProposalRequest } from './proposal.request.js';
import { TableProposal } from './table-proposal.command.js';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('v1/proposals')
export class TableProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('clerk')
  @ApiOperation({ summary: 'Table a proposal with the route of approvals it must pass; answers version 1.' })
  @ApiCreatedResponse({ type: ProposalAnswer })
  table(@Body() request: ProposalRequest, @Context() context: CommandContext): Promise<ProposalAnswer> {
    return this.commands.execute(new TableProposal(request, context));
  }
}
