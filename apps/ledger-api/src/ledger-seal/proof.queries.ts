import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';

export class InclusionProofQuery {
  @ApiProperty({ example: '1042:17', description: 'The log position of the event, as a command answered it.' })
  @IsString()
  @Matches(/^(0|[1-9]\d{0,19}):(0|[1-9]\d{0,19})$/, { message: 'position must be a log position ("<transactionId>:<sequence>").' })
  position!: string;

  @ApiPropertyOptional({ description: 'The tree to prove it in; the latest checkpoint’s size when absent.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  treeSize?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  minPosition?: string;
}

export class ConsistencyProofQuery {
  @ApiProperty({ description: 'The size of the earlier tree (a checkpoint the auditor kept).' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromSize!: number;

  @ApiProperty({ description: 'The size of the later tree.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  toSize!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  minPosition?: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ description: 'The first leaf to export; 0 (the whole log) when absent.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromLeaf?: number;
}
