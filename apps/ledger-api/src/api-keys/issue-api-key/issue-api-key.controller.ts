import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidCommandError } from '@ledger/governance';
import { Allow } from '../access.decorator.js';
import type { AuthenticatedRequest } from '../api-key.guard.js';
import { ApiKeys } from '../api-keys.js';
import { ApiKeyRequest, IssuedApiKey } from './api-key.request.js';

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class IssueApiKeyController {
  constructor(private readonly apiKeys: ApiKeys) {}

  @Post()
  @Allow('admin')
  @ApiOperation({ summary: 'Issue an API key (admin). The key is in this answer only.' })
  @ApiCreatedResponse({ type: IssuedApiKey })
  issue(@Body() request: ApiKeyRequest, @Req() http: AuthenticatedRequest): Promise<IssuedApiKey> {
    const bodyIds = request.bodyIds ?? [];
    if (request.role === 'integration' && bodyIds.length === 0) {
      throw new InvalidCommandError('An integration key must list the bodyIds it may post decisions for.', 'bodyIds');
    }
    if (request.role !== 'integration' && bodyIds.length > 0) {
      throw new InvalidCommandError('Only integration keys are limited to bodies; leave bodyIds out.', 'bodyIds');
    }
    return this.apiKeys.issue(request.name, request.role, bodyIds, http.principal);
  }
}
