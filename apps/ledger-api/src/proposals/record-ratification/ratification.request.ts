import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { RATIFICATION_OUTCOMES, type RatificationOutcome } from '@ledger/governance';
import { IsLedgerDate, IsSlug } from '../../validation/ledger-validators.js';
import { happenedOn } from '../dated-records.js';

export class MeetingRequest {
  @ApiPropertyOptional({ example: 'Minute 67' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  minuteRef?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

export class ConflictOfInterestRequest {
  @ApiProperty({ example: 'Cllr A. Member' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  member!: string;

  @ApiProperty({ example: 'Non-pecuniary: a relative works for the trust' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  interest!: string;

  @ApiPropertyOptional({ example: 'Dispensation granted by the Standards Committee to speak but not vote' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  dispensation?: string;
}

/** The statutory record of one organisation's decision on one version of a proposal. */
export class RatificationRequest {
  @ApiPropertyOptional({ example: 'wirral-cabinet-2017-11-27', description: 'Chosen by the client; one is made up when absent.' })
  @IsOptional()
  @IsSlug()
  ratificationId?: string;

  @ApiPropertyOptional({ example: 'wirral-council', description: 'The organisation decided for; needed when the decider acts for several (a joint committee).' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiProperty({ example: 'wirral-cabinet', description: 'The body or post that decided.' })
  @IsSlug()
  deciderId!: string;

  @ApiProperty({ example: 1, description: 'The version decided on; must be the current one.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ enum: RATIFICATION_OUTCOMES })
  @IsIn(RATIFICATION_OUTCOMES)
  outcome!: RatificationOutcome;

  @ApiProperty({ example: '2017-11-27T18:30:00Z', description: happenedOn('the decision was taken') })
  @IsLedgerDate()
  decidedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  reasons?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  alternativesConsidered?: string;

  @ApiPropertyOptional({ type: MeetingRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeetingRequest)
  meeting?: MeetingRequest;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  conditions?: string;

  @ApiPropertyOptional({ type: [ConflictOfInterestRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ConflictOfInterestRequest)
  conflictsOfInterest?: ConflictOfInterestRequest[];

  @ApiPropertyOptional({ example: 'Cllr Phil Davies' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  decidedByPerson?: string;

  @ApiPropertyOptional({ example: '2017-12-04T17:00:00Z', description: 'Until then the decision may be called in and is not implementable. A deadline, after decidedOn: it may lie in the future.' })
  @IsOptional()
  @IsLedgerDate()
  callInUntil?: string;
}
