import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../api-keys/api-key.guard.js';
import { actorOf } from '../api-keys/principal.js';
import type { CommandContext } from '@ledger/ledger-commands';

/** The command's context from the request: the key's principal as actor, the idempotency key, a correlation id. */
export const Context = createParamDecorator((_: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    actor: actorOf(request.principal),
    idempotencyKey: header('idempotency-key') ?? null,
    retrying: request.retryingIdempotencyKey === true,
    correlationId: header('x-correlation-id') ?? request.id ?? randomUUID(),
    actsOnlyForBodyIds: request.principal.role === 'integration' ? request.principal.bodyIds : null,
  };
});
