import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { bearerKey, type AuthenticatedRequest } from '../../api-keys/api-key.guard.js';
import { ApiKeys } from '../../api-keys/api-keys.js';
import { ANONYMOUS } from '../../api-keys/principal.js';
import { SignInRequired } from './sign-in-required.js';
import { SiteSessions } from './site-sessions.js';

/**
 * Who reads a page: the holder of the key a request carries (as the JSON API sees it), else of the
 * website session, else an anonymous member of the public — who, with LEDGER_PUBLIC_READ=false, is
 * sent to sign in. Pages are open routes to the API's guard, so this one decides.
 */
@Injectable()
export class PageReaderGuard implements CanActivate {
  private readonly publicRead: boolean;

  constructor(
    private readonly sessions: SiteSessions,
    private readonly apiKeys: ApiKeys,
    config: ConfigService,
  ) {
    this.publicRead = config.get<boolean>('LEDGER_PUBLIC_READ') ?? true;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = bearerKey(request.headers.authorization);
    const principal = key === undefined ? await this.sessions.principalOf(request) : await this.apiKeys.principalFor(key);
    request.principal = principal ?? ANONYMOUS;
    if (request.principal.role === 'anonymous' && !this.publicRead) throw new SignInRequired(request.url);
    return true;
  }
}
