import { Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { LedgerCheckpoints } from '@ledger/verifiable-log';
import { auditFilterOf, AuditQuery } from '../../audit/audit-trail/audit.query.js';
import { GetAuditTrail } from '../../audit/audit-trail/get-audit-trail.query.js';
import { frame } from '../page.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { presentAudit } from './audit.presenter.js';
import { presentSealedLog } from './sealed-log.presenter.js';

const AUDIT_PAGE = 50;

/** The pages for auditors and for anyone learning the ledger's words: the audit trail, the sealed log, help and the accessibility statement. */
@SitePageController()
export class LedgerPagesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
    private readonly checkpoints: LedgerCheckpoints,
  ) {}

  @Get('audit')
  async audit(@QueryParams() query: AuditQuery, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = await this.queries.execute(new GetAuditTrail({ ...auditFilterOf(query), limit: query.limit ?? AUDIT_PAGE }));
    const filters = { streamId: query.streamId, actor: query.actor, type: query.type, recordedFrom: query.recordedFrom, recordedTo: query.recordedTo };
    return this.pages.render(reply, 'audit', presentAudit(filters, page));
  }

  @Get('ledger')
  async sealedLog(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const origin = `${reply.request.protocol}://${reply.request.host}`;
    return this.pages.render(reply, 'ledger', presentSealedLog(await this.checkpoints.latest(), this.checkpoints.verifierKey, origin));
  }

  @Get('help')
  help(@Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.render(reply, 'help', { page: frame('Help and glossary', { text: 'Help', href: '/help' }) });
  }

  @Get('accessibility')
  accessibility(@Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.render(reply, 'accessibility', { page: frame('Accessibility statement', { text: 'Accessibility statement', href: '/accessibility' }) });
  }
}
