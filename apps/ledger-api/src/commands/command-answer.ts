import { ApiProperty } from '@nestjs/swagger';
import type { LogPosition } from '@ledger/event-store';
import type { CommandAnswer as RecordedAnswer } from '@ledger/ledger-commands';

/** What every command answers (API.md): the id it concerns and the log position it wrote; the use cases' answer, described for OpenAPI. */
export class CommandAnswer implements RecordedAnswer {
  @ApiProperty({ example: 'wokingham-borough-council' })
  id!: string;

  // A type named here: `LogPosition` is a template literal type, which decorators' metadata reads as Object.
  @ApiProperty({ type: String, pattern: '^\\d+:\\d+$', description: 'The global log position written; pass it back as minPosition to read your own write.', example: '7421:1050' })
  position!: LogPosition;
}
