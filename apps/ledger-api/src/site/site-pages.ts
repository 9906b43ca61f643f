import { Injectable } from '@nestjs/common';
import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';
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

/** Renders a page's template with what its presenter gave, in the layout every page shares. */
@Injectable()
export class SitePages {
  constructor(private readonly standing: LedgerStanding) {}

  async render(reply: FastifyReply, template: string, page: Page, status = 200): Promise<FastifyReply> {
    const section = (href: string) => reply.request.url === href || reply.request.url.startsWith(`${href}/`) || reply.request.url.startsWith(`${href}?`);
    const principal = (reply.request as Partial<AuthenticatedRequest>).principal ?? ANONYMOUS;
    const signedIn = principal.role === 'anonymous' ? null : { name: principal.name, role: principal.role };
    const site = {
      navigation: NAVIGATION.map((link) => ({ ...link, active: section(link.href) })),
      signedIn,
      returnTo: reply.request.url,
      footerLinks: FOOTER_LINKS,
      standing: await this.standing.line(),
      origin: `${reply.request.protocol}://${reply.request.host}`,
    };
    // What a signed-in reader sees may hold exempt detail: never kept by a shared cache or the browser's history.
    void reply.header('Cache-Control', signedIn ? 'private, no-store' : 'no-cache');
    return reply.status(status).view(`pages/${template}.njk`, { ...page, site });
  }
}
