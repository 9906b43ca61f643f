import { Injectable } from '@nestjs/common';
import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { AuthenticatedRequest } from '../api-keys/api-key.guard.js';
import { ANONYMOUS } from '../api-keys/principal.js';
import { LedgerStanding } from './ledger-standing.js';
import type { Link, Page } from './page.js';

/** The site's sections, in its service navigation. */
const NAVIGATION: Link[] = [
  { text: 'Proposals', href: '/proposals' },
  { text: 'Decisions', href: '/decisions' },
  { text: 'Call-ins', href: '/call-ins' },
  { text: 'Authority', href: '/authority' },
  { text: 'Audit trail', href: '/audit' },
  { text: 'Sealed log', href: '/ledger' },
  { text: 'Help', href: '/help' },
];

const FOOTER_LINKS: Link[] = [
  { text: 'Help and glossary', href: '/help' },
  { text: 'Accessibility statement', href: '/accessibility' },
  { text: 'JSON API', href: '/docs' },
];

/** Stands in the header for the sign-in link's return address, which each page fills in (as `urlencode` would write it). */
const RETURN_TO = 'ledger-return-to-placeholder';
/** At most this many headers are kept: one per section and reader. */
const HEADERS_KEPT = 1_000;

/** Renders a page's template with what its presenter gave, in the layout every page shares. */
@Injectable()
export class SitePages {
  /**
   * The skip link, header and service navigation, rendered once for each section and reader
   * (GOV.UK Frontend's macros cost more than the rest of a small page): `${section}|${reader}`.
   */
  private readonly headers = new LRUCache<string, string>({ max: HEADERS_KEPT });

  constructor(private readonly standing: LedgerStanding) {}

  async render(reply: FastifyReply, template: string, page: Page, status = 200): Promise<FastifyReply> {
    const section = (href: string) => reply.request.url === href || reply.request.url.startsWith(`${href}/`) || reply.request.url.startsWith(`${href}?`);
    const principal = (reply.request as Partial<AuthenticatedRequest>).principal ?? ANONYMOUS;
    const signedIn = principal.role === 'anonymous' ? null : { name: principal.name, role: principal.role };
    const navigation = NAVIGATION.map((link) => ({ ...link, active: section(link.href) }));
    const site = {
      header: (await this.headerFor(reply, navigation, signedIn)).replace(RETURN_TO, encodeURIComponent(reply.request.url)),
      footerLinks: FOOTER_LINKS,
      standing: await this.standing.line(),
      origin: `${reply.request.protocol}://${reply.request.host}`,
    };
    // What a signed-in reader sees may hold exempt detail: never kept by a shared cache or the browser's history.
    void reply.header('Cache-Control', signedIn ? 'private, no-store' : 'no-cache');
    return reply.status(status).view(`pages/${template}.njk`, { ...page, site });
  }

  private async headerFor(reply: FastifyReply, navigation: (Link & { active: boolean })[], signedIn: { name: string; role: string } | null): Promise<string> {
    const key = `${navigation.findIndex((link) => link.active)}|${signedIn ? `${signedIn.role}:${signedIn.name}` : ''}`;
    let header = this.headers.get(key);
    if (header === undefined) {
      header = await reply.server.view('partials/header.njk', { site: { navigation, signedIn, returnTo: RETURN_TO } });
      this.headers.set(key, header);
    }
    return header;
  }
}
