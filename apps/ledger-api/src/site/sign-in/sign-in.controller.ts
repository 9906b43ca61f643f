import { Body, Controller, Get, Post, Query as QueryParams, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Open } from '../../api-keys/access.decorator.js';
import { SitePageFilter } from '../site-page.filter.js';
import { SitePages } from '../site-pages.js';
import { presentSignIn, safeReturnTo } from './sign-in.presenter.js';
import { SiteSessions } from './site-sessions.js';

/** Signing in to the website with an API key (scrutiny, auditor, clerk, admin), and out again. The site records nothing. */
@ApiExcludeController()
@Controller()
@Open()
@UseFilters(SitePageFilter)
export class SignInController {
  constructor(
    private readonly sessions: SiteSessions,
    private readonly pages: SitePages,
  ) {}

  @Get('sign-in')
  form(@QueryParams('returnTo') returnTo: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.render(reply, 'sign-in', presentSignIn(returnTo));
  }

  @Post('sign-in')
  async signIn(@Body() form: { key?: unknown; returnTo?: unknown } | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const key = typeof form?.key === 'string' ? form.key : '';
    if (key.trim() === '') return this.pages.render(reply, 'sign-in', presentSignIn(form?.returnTo, 'Enter your API key'), 400);
    const principal = await this.sessions.signIn(key, reply);
    if (!principal) return this.pages.render(reply, 'sign-in', presentSignIn(form?.returnTo, 'This API key is not known: check you copied all of it'), 401);
    return reply.status(303).header('Location', safeReturnTo(form?.returnTo)).send();
  }

  @Post('sign-out')
  signOut(@Res() reply: FastifyReply): FastifyReply {
    this.sessions.signOut(reply);
    return reply.status(303).header('Location', '/').send();
  }
}
