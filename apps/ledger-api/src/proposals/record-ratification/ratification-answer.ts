import { ApiProperty } from '@nestjs/swagger';
import type { AuthorityAnswer } from '@ledger/governance';
import type { RatificationAnswer as RecordedRatification } from '@ledger/ledger-commands';
import { ProposalAnswer } from '../proposal-answer.js';

export class RatificationAnswer extends ProposalAnswer implements RecordedRatification {
  @ApiProperty({ nullable: true, description: 'For an approve step: the authority the decider held at decidedOn, with the chains that grant it (their effectiveFrom and effectiveUntil in the Europe/London offset, 2018-04-01T00:00:00+01:00).' })
  authority!: AuthorityAnswer | null;
}
