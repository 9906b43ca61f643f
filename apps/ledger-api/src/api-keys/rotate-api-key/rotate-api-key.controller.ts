import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseInstant } from '@ledger/governance';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { AnswersSecretOnce } from '../../idempotency/secret-answer.decorator.js';
import { Allow } from '../access.decorator.js';
import { ApiKeys } from '../api-keys.js';
import { IssuedApiKey } from '../issue-api-key/api-key.request.js';
import { keyActionOf } from '../key-action.js';
import { KeyNameParam } from '../key-name.param.js';
import { RotationRequest } from './rotation.request.js';

/** How long the old key keeps working after a rotation, unless the rotation says. */
const DEFAULT_OVERLAP_MS = 7 * 24 * 60 * 60 * 1000;

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class RotateApiKeyController {
  constructor(private readonly apiKeys: ApiKeys) {}

  @Post(':name/rotation')
  @Allow('admin')
  @ApiOperation({
    summary:
      'Rotate a name’s key (admin): a new key with the same role and bodies, answered once; the name’s keys until now keep working until oldKeysExpireAt ' +
      '(default 7 days), then expire. Revoke the old key sooner once the holder has changed over. 404 for an unknown name; 409 when every key of it is revoked or expired.',
  })
  @ApiCreatedResponse({ type: IssuedApiKey })
  @AnswersSecretOnce('key')
  async rotate(@KeyNameParam() name: string, @Body() request: RotationRequest, @Context() context: CommandContext): Promise<IssuedApiKey> {
    const now = new Date();
    const oldKeysExpireAt = request.oldKeysExpireAt === undefined ? new Date(now.getTime() + DEFAULT_OVERLAP_MS).toISOString() : parseInstant(request.oldKeysExpireAt)!;
    const expiresAt = request.expiresAt === undefined ? null : parseInstant(request.expiresAt)!;
    const issued = await this.apiKeys.register.rotate(name, { expiresAt, oldKeysExpireAt }, keyActionOf(context), now);
    return { id: issued.name, ...issued };
  }
}
