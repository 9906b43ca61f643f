import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { RATIFICATION_OUTCOMES } from '@ledger/governance';
import { CALL_IN_FILTERS } from '@ledger/read-models';
import { ListQuery } from '../../lists/list.query.js';
import { IsLedgerDateInQuery } from '../../validation/ledger-validators.js';

/** The filters every list of decisions takes: `outcome`, `from`, `to`, `callIn`, `keyDecision`. */
export class DecisionFilterParams extends ListQuery {
  @ApiPropertyOptional({ enum: RATIFICATION_OUTCOMES })
  @IsOptional()
  @IsIn(RATIFICATION_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ description: 'Decided on or after (a date is 00:00 Europe/London).', example: '2017-05-01' })
  @IsOptional()
  @IsLedgerDateInQuery()
  from?: string;

  @ApiPropertyOptional({ description: 'Decided on or before (inclusive).', example: '2018-03-31' })
  @IsOptional()
  @IsLedgerDateInQuery()
  to?: string;

  @ApiPropertyOptional({ enum: CALL_IN_FILTERS, description: '`open`: decisions whose call-in period has not yet ended; `lodged`: decisions a call-in was lodged against (with its outcome).' })
  @IsOptional()
  @IsIn(CALL_IN_FILTERS)
  callIn?: string;

  @ApiPropertyOptional({ type: Boolean, description: '`true`: only decisions on key decisions; `false`: only on others.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'keyDecision must be true or false' })
  keyDecision?: boolean;
}

/** The read model's filter from the query. */
export function decisionFilterOf(query: DecisionFilterParams) {
  return { from: query.from, to: query.to, outcome: query.outcome, callIn: query.callIn, keyDecision: query.keyDecision, limit: query.limit, cursor: query.cursor };
}
