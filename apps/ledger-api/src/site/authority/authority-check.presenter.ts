import type { AuthorityAnswer, Instrument } from '@ledger/governance';
import type { OrganisationSummaryView } from '@ledger/read-models';
import { nameOf, type Names } from '../decisions/decision-summary.js';
import { frame, type Page } from '../page.js';
import { londonDay, pounds, words } from '../plain-english.js';
import { presentChain, type Chain } from './authority-chain.js';

/** The form's fields as the reader filled them in (text as typed, to fill the form again). */
export interface AuthorityForm {
  holderId: string;
  organisationId: string;
  scopes: string;
  /** In pounds, as typed: "2,500,000" or "2500000.50". */
  amount: string;
  at: string;
}

/** A field the form could not use, and why. */
export interface FieldError {
  field: keyof AuthorityForm;
  text: string;
}

export interface AuthorityCheckContent {
  form: AuthorityForm;
  organisations: { value: string; text: string; selected: boolean }[];
  errors: FieldError[];
  /** The error summary's list: each error linked to its field. */
  errorList: { text: string; href: string }[];
  errorOf: Partial<Record<keyof AuthorityForm, string>>;
  /** The answer in a sentence, its chains or its reasons; null before a question is asked. */
  answer: { allowed: boolean; sentence: string; chains: Chain[]; reasons: string[] } | null;
}

export interface AuthorityQuestionAsked {
  holderId: string;
  organisationId: string;
  scopes: string[];
  amountPence: number | null;
  at: string;
}

/** The authority check: a form asking whether a holder may decide something for an organisation on a date, answered in a sentence with every granting chain or the reasons. */
export function presentAuthorityCheck(
  form: AuthorityForm,
  organisations: OrganisationSummaryView[],
  errors: FieldError[],
  asked: { question: AuthorityQuestionAsked; answer: AuthorityAnswer; instruments: Readonly<Record<string, Instrument>>; names: Names } | null,
): Page<AuthorityCheckContent> {
  const title = errors.length > 0 ? 'Error: Check authority' : 'Check authority';
  let answer: AuthorityCheckContent['answer'] = null;
  if (asked) {
    const { question, names } = asked;
    const what = `${question.scopes.map(words).join(', ')}${question.amountPence === null ? '' : ` up to ${pounds(question.amountPence)}`}`;
    const who = nameOf(names, question.holderId);
    const whom = nameOf(names, question.organisationId);
    answer = {
      allowed: asked.answer.allowed,
      sentence: asked.answer.allowed
        ? `Yes: ${who} could decide ${what} for ${whom} on ${londonDay(question.at)}.`
        : `No: ${who} could not decide ${what} for ${whom} on ${londonDay(question.at)}.`,
      chains: asked.answer.chains.map((chain) => presentChain(chain, question.holderId, question.organisationId, asked.instruments, names)),
      reasons: asked.answer.reasons,
    };
  }
  return {
    page: frame(title, { text: 'Check authority', href: '/authority' }),
    form,
    organisations: [{ value: '', text: 'Choose an organisation', selected: form.organisationId === '' }, ...organisations.map((organisation) => ({ value: organisation.id, text: organisation.name, selected: organisation.id === form.organisationId }))],
    errors,
    errorList: errors.map((error) => ({ text: error.text, href: `#${error.field}` })),
    errorOf: Object.fromEntries(errors.map((error) => [error.field, error.text])),
    answer,
  };
}

/**
 * The question the form asks, or the fields it cannot use: an amount in pounds (commas and a £ sign
 * allowed) becomes pence; scopes are separated by commas or spaces; an empty date means today.
 */
export function readAuthorityForm(form: AuthorityForm, today: string): { question: Omit<AuthorityQuestionAsked, 'at'> & { at: string }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (form.holderId.trim() === '') errors.push({ field: 'holderId', text: 'Enter the body or post that decides (its ledger id)' });
  if (form.organisationId.trim() === '') errors.push({ field: 'organisationId', text: 'Choose the organisation it decides for' });
  const scopes = form.scopes.split(/[\s,]+/).filter(Boolean);
  if (scopes.length === 0) errors.push({ field: 'scopes', text: 'Enter at least one function, such as bcf' });
  let amountPence: number | null = null;
  const amount = form.amount.replace(/[£,\s]/g, '');
  if (amount !== '') {
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(amount)) errors.push({ field: 'amount', text: 'Enter the amount in pounds, like 2,500,000 or 41250.50' });
    else amountPence = Math.round(Number(amount) * 100);
  }
  const at = form.at.trim() === '' ? today : form.at.trim();
  return { question: { holderId: form.holderId.trim(), organisationId: form.organisationId.trim(), scopes, amountPence, at }, errors };
}
