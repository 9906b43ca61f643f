import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { IsScopeList, IsSlug } from '../../validation/ledger-validators.js';
import { ReadAtParams } from '../read.params.js';

/** `GET /v1/authority?holderId&at`. */
export class HolderAuthorityParams extends ReadAtParams {
  @ApiProperty({ example: 'wiltshire-director-adult-social-services', description: 'A body or post id.' })
  @IsSlug()
  holderId!: string;
}

/** `scopes=a,b` (or the parameter repeated) as a list. */
const commaSeparated = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((part) => (typeof part === 'string' ? part.split(',') : [part])) : value;

/** `GET /v1/authority/check?holderId&organisationId&scopes=a,b&amountPence&at`. */
export class AuthorityCheckParams extends HolderAuthorityParams {
  @ApiProperty({ example: 'wiltshire-council' })
  @IsSlug()
  organisationId!: string;

  @ApiProperty({ type: String, example: 'adult-social-care/reablement,bcf', description: 'Comma-separated scopes, all of which must be covered.' })
  @Transform(commaSeparated)
  @IsScopeList()
  scopes!: string[];

  @ApiPropertyOptional({ type: String, example: '2500000', description: 'The value of the matter in whole pence, 0 or more.' })
  @IsOptional()
  @Matches(/^(0|[1-9][0-9]{0,14})$/, { message: 'amountPence must be a whole number of pence, 0 or more' })
  amountPence?: string;
}
