import { Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DomainError, londonDate, parseInstant, type AuthorityAnswer } from '@ledger/governance';
import { MAX_LIMIT } from '@ledger/read-models';
import { AuthorityCheckParams } from '../../registers/authority-register/authority.params.js';
import { CheckAuthority } from '../../registers/authority-register/check-authority.query.js';
import { GetDelegationInstruments } from '../../registers/names/get-delegation-instruments.query.js';
import { GetNames } from '../../registers/names/get-names.query.js';
import { GetOrganisations } from '../../registers/organisation-register/get-organisations.query.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { chainDelegationIds, chainNameIds } from './authority-chain.js';
import { presentAuthorityCheck, readAuthorityForm, type AuthorityForm, type FieldError } from './authority-check.presenter.js';

/** Which form field each of the API's parameters comes from. */
const FIELD_OF_PARAMETER: Record<string, keyof AuthorityForm> = { holderId: 'holderId', organisationId: 'organisationId', scopes: 'scopes', amountPence: 'amount', at: 'at' };

@SitePageController('authority')
export class AuthorityPageController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
  ) {}

  /** The form, and once it is sent (a GET, so that an answer has an address to share) the answer; the question is checked as the JSON API checks it. */
  @Get()
  async check(@QueryParams() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
    const form: AuthorityForm = { holderId: text('holderId'), organisationId: text('organisationId'), scopes: text('scopes'), amount: text('amount'), at: text('at') };
    const organisations = (await this.queries.execute(new GetOrganisations({ limit: MAX_LIMIT }))).items;
    if (Object.values(form).every((value) => value === '')) return this.pages.render(reply, 'authority', presentAuthorityCheck(form, organisations, [], null));

    const { question, errors } = readAuthorityForm(form, londonDate(new Date().toISOString()));
    if (errors.length === 0) {
      const parameters = plainToInstance(AuthorityCheckParams, { ...question, amountPence: question.amountPence === null ? undefined : String(question.amountPence) });
      for (const error of await validate(parameters)) {
        errors.push({ field: FIELD_OF_PARAMETER[error.property] ?? 'holderId', text: Object.values(error.constraints ?? {})[0] ?? `${error.property} is not valid` });
      }
    }
    let answer: AuthorityAnswer | null = null;
    if (errors.length === 0) {
      try {
        answer = await this.queries.execute(new CheckAuthority(question));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push({ field: 'holderId', text: error.message } satisfies FieldError);
      }
    }
    if (!answer) return this.pages.render(reply, 'authority', presentAuthorityCheck(form, organisations, errors, null), 400);

    const [names, instruments] = await Promise.all([
      this.queries.execute(new GetNames([question.holderId, question.organisationId, ...chainNameIds(answer.chains)])),
      this.queries.execute(new GetDelegationInstruments(chainDelegationIds(answer.chains))),
    ]);
    const at = parseInstant(question.at) ?? question.at;
    return this.pages.render(reply, 'authority', presentAuthorityCheck(form, organisations, [], { question: { ...question, at }, answer, instruments, names }));
  }
}
