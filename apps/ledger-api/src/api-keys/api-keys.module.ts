import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeys } from './api-keys.js';
import { IssueApiKeyController } from './issue-api-key/issue-api-key.controller.js';
import { ListApiKeysController } from './list-api-keys/list-api-keys.controller.js';
import { RevokeApiKeyController } from './revoke-api-key/revoke-api-key.controller.js';
import { RotateApiKeyController } from './rotate-api-key/rotate-api-key.controller.js';

@Global()
@Module({
  controllers: [IssueApiKeyController, ListApiKeysController, RotateApiKeyController, RevokeApiKeyController],
  providers: [ApiKeys, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeys],
})
export class ApiKeysModule {}
