import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeys } from '../../api-keys/api-keys.js';
import { hashApiKey } from '@ledger/api-keys';
import type { Principal } from '../../api-keys/principal.js';

export const SESSION_COOKIE = 'ledger_session';

/** What the session cookie holds, signed: the key's hash (never the key) and when the session ends. */
interface SessionClaim {
  h: string;
  e: number;
}

/**
 * The website's sessions. Signing in with an API key sets a signed, HttpOnly, SameSite=Strict
 * cookie (Secure over HTTPS) that holds the key's hash and an expiry, never the key; every page
 * looks the key up again, so a key revoked or deleted ends its sessions within the key cache's few
 * seconds. Signing out clears the cookie.
 */
@Injectable()
export class SiteSessions {
  /** The secret the cookie plugin signs with (LEDGER_SESSION_SECRET, or one of this process's own). */
  readonly secret: string;
  private readonly lifetimeMs: number;

  constructor(
    private readonly apiKeys: ApiKeys,
    config: ConfigService,
  ) {
    this.secret = config.get<string>('LEDGER_SESSION_SECRET') ?? randomBytes(32).toString('base64url');
    this.lifetimeMs = (config.get<number>('LEDGER_SESSION_HOURS') ?? 8) * 3_600_000;
  }

  /** Signs in with a key: the principal it belongs to (and the cookie set), or null for a key the ledger does not know. */
  async signIn(key: string, reply: FastifyReply): Promise<Principal | null> {
    const hash = hashApiKey(key.trim());
    const principal = await this.apiKeys.principalForHash(hash);
    if (!principal) return null;
    const claim: SessionClaim = { h: hash, e: Date.now() + this.lifetimeMs };
    void reply.setCookie(SESSION_COOKIE, Buffer.from(JSON.stringify(claim)).toString('base64url'), {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      secure: reply.request.protocol === 'https',
      path: '/',
      maxAge: Math.floor(this.lifetimeMs / 1000),
    });
    return principal;
  }

  signOut(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** Who the request's session belongs to; null without a session, or with one that is forged, expired or of a key no longer known. */
  async principalOf(request: FastifyRequest): Promise<Principal | null> {
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (!cookie) return null;
    const unsigned = request.unsignCookie(cookie);
    if (!unsigned.valid || unsigned.value === null) return null;
    let claim: SessionClaim;
    try {
      claim = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as SessionClaim;
    } catch {
      return null;
    }
    if (typeof claim.h !== 'string' || typeof claim.e !== 'number' || claim.e <= Date.now()) return null;
    return this.apiKeys.principalForHash(claim.h);
  }
}
