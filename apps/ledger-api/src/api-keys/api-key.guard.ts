import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem } from '../problems/problem.js';
import { ProblemException } from '../problems/problem.exception.js';
import { ACCESS, type Access } from './access.decorator.js';
import { ApiKeys } from './api-keys.js';
import { ANONYMOUS, type Principal } from './principal.js';

export type AuthenticatedRequest = FastifyRequest & {
  principal: Principal;
  /** Set by the idempotency interceptor when an earlier attempt under the request's key may have recorded its command. */
  retryingIdempotencyKey?: boolean;
};

/** The API key an Authorization header carries; undefined without one; 401 when it is not `Bearer <key>`. */
export function bearerKey(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ProblemException(problem(401, 'The Authorization header must be "Bearer <api key>".'));
  return match[1];
}

/** `::ffff:10.0.0.5` as `10.0.0.5`: an IPv4 client of a dual-stack server. */
const plainAddress = (address: string): string => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/**
 * Every route: a Bearer key, if given, must be known (401 otherwise); the route's access rule
 * then decides (403). Routes without a rule are for admins only, so nothing is open by mistake.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly publicRead: boolean;
  private readonly metricsAddresses: ReadonlySet<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeys,
    config: ConfigService,
  ) {
    this.publicRead = config.get<boolean>('LEDGER_PUBLIC_READ') ?? true;
    this.metricsAddresses = new Set(config.get<string[]>('LEDGER_METRICS_FROM') ?? []);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if ((access && 'open' in access) || (access && 'metrics' in access && !request.headers.authorization && this.metricsAddresses.has(plainAddress(request.ip)))) {
      request.principal = ANONYMOUS;
      return true;
    }
    request.principal = await this.authenticate(request.headers.authorization);
    const principal = request.principal;
    if (principal.role === 'admin') return true;
    if (access && 'public' in access) {
      if (principal.role !== 'anonymous' || this.publicRead) return true;
      throw new ProblemException(problem(401, 'Anonymous reading is switched off here (LEDGER_PUBLIC_READ=false): send an API key.', { code: 'unauthenticated' }));
    }
    if (principal.role === 'anonymous') throw new ProblemException(problem(401, 'This needs an API key: send Authorization: Bearer <key>.'));
    if (access && 'roles' in access && access.roles.includes(principal.role)) return true;
    throw new ProblemException(problem(403, `A ${principal.role} key may not do this.`));
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const key = bearerKey(header);
    if (key === undefined) return ANONYMOUS;
    const principal = await this.apiKeys.principalFor(key);
    if (!principal) throw new ProblemException(problem(401, 'This API key is not known, or has been revoked or has expired.'));
    return principal;
  }
}
