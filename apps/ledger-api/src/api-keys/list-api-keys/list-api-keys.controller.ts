import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access.decorator.js';
import { ApiKeys } from '../api-keys.js';
import { ApiKeyList } from './api-key-list.js';

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ListApiKeysController {
  constructor(private readonly apiKeys: ApiKeys) {}

  @Get()
  @Allow('admin')
  @ApiOperation({ summary: 'Every key issued (admin): name, key id, role, bodies, status, created, by whom, last used, expiry, revocation — never the secret. `Accept: text/csv` for CSV.' })
  @ApiOkResponse({ type: ApiKeyList })
  async list(): Promise<ApiKeyList> {
    await this.apiKeys.recordUse();
    return { items: await this.apiKeys.register.list(), nextCursor: null };
  }
}
