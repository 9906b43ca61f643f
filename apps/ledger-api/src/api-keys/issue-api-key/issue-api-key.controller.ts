import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseInstant } from '@ledger/governance';
import { LedgerCommands, type CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { problem } from '../../problems/problem.js';
import { ProblemException } from '../../problems/problem.exception.js';
import { AnswersSecretOnce } from '../../idempotency/secret-answer.decorator.js';
import { Allow } from '../access.decorator.js';
import { ApiKeys } from '../api-keys.js';
import { keyActionOf } from '../key-action.js';
import { ApiKeyRequest, IssuedApiKey } from './api-key.request.js';

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class IssueApiKeyController {
  constructor(
    private readonly apiKeys: ApiKeys,
    private readonly ledger: LedgerCommands,
  ) {}

  @Post()
  @Allow('admin')
  @ApiOperation({
    summary:
      'Issue an API key under a new name (admin); the key is in this answer only, and its issue (never the secret) is an event in the log. ' +
      'An integration key’s bodyIds must each name a body (or post) the ledger knows: otherwise 400 validation_failed naming every unknown id, and no key is issued. ' +
      'A name already used answers 409: to replace a key, rotate it.',
  })
  @ApiCreatedResponse({ type: IssuedApiKey })
  @AnswersSecretOnce('key')
  async issue(@Body() request: ApiKeyRequest, @Context() context: CommandContext): Promise<IssuedApiKey> {
    const bodyIds = request.bodyIds ?? [];
    await this.assertKnown(bodyIds);
    const expiresAt = request.expiresAt === undefined ? null : parseInstant(request.expiresAt)!;
    const issued = await this.apiKeys.register.issue({ name: request.name, role: request.role, bodyIds, expiresAt }, keyActionOf(context));
    return { id: issued.name, ...issued };
  }

  /**
   * A key acts for the bodies (or posts: they decide too) it names, so each must be one the ledger
   * knows now, read from their streams: a misspelt id would make a key that can do nothing.
   */
  private async assertKnown(bodyIds: string[]): Promise<void> {
    const facts = await Promise.all(bodyIds.map((id) => this.ledger.decisionMakers.of(id)));
    const unknown = bodyIds.flatMap((id, index) => (facts[index].registered ? [] : [{ field: `bodyIds[${index}]`, message: `There is no body or post ${id}.` }]));
    if (unknown.length === 0) return;
    const ids = bodyIds.filter((_, index) => !facts[index].registered);
    throw new ProblemException(
      problem(400, `bodyIds names what the ledger does not know: ${ids.join(', ')}. Register the body (or post) first, or correct its id; no key was issued.`, {
        code: 'validation_failed',
        errors: unknown,
      }),
    );
  }
}
