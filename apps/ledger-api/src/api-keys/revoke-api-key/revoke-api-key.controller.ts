import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { Allow } from '../access.decorator.js';
import { ApiKeys } from '../api-keys.js';
import { keyActionOf } from '../key-action.js';
import { KeyNameParam } from '../key-name.param.js';
import { RevocationAnswer, RevocationRequest } from './revocation.request.js';

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class RevokeApiKeyController {
  constructor(private readonly apiKeys: ApiKeys) {}

  @Post(':name/revocation')
  @Allow('admin')
  @ApiOperation({
    summary:
      'Revoke a name’s keys, or one of them (admin). It takes effect on every API instance before this answers: the keys’ rows change and every instance is ' +
      'notified (PostgreSQL NOTIFY) in one transaction. 404 for an unknown name or key id; 409 invalid_transition when already revoked or expired.',
  })
  @ApiCreatedResponse({ type: RevocationAnswer })
  async revoke(@KeyNameParam() name: string, @Body() request: RevocationRequest, @Context() context: CommandContext): Promise<RevocationAnswer> {
    const { revoked, position } = await this.apiKeys.register.revoke(name, { keyId: request.keyId ?? null, reason: request.reason }, keyActionOf(context));
    for (const keyId of revoked) this.apiKeys.forget(keyId);
    return { id: name, revoked, position };
  }
}
