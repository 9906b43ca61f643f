import { ApiProperty } from '@nestjs/swagger';
import { PROPOSAL_STATUSES, type ProposalStatus } from '@ledger/governance';
import type { ProposalAnswer as DecidedProposalAnswer } from '@ledger/ledger-commands';
import { CommandAnswer } from '../commands/command-answer.js';

/** What a command on a proposal answers: its current version and status besides the id and position. */
export class ProposalAnswer extends CommandAnswer implements DecidedProposalAnswer {
  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ enum: PROPOSAL_STATUSES })
  proposalStatus!: ProposalStatus;
}
