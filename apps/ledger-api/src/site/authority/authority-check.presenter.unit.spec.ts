import { presentAuthorityCheck, readAuthorityForm } from './authority-check.presenter.js';

const form = { holderId: 'wiltshire-alliance-joint-committee', organisationId: 'bsw-icb', scopes: 'bcf, childrens-services', amount: '£1,000,000.50', at: '' };

describe('the authority check’s presenter', () => {
  it('reads the form as the question: pounds to pence, functions split on commas or spaces, today when no date is given', () => {
    expect(readAuthorityForm(form, '2026-12-05')).toEqual({
      question: { holderId: 'wiltshire-alliance-joint-committee', organisationId: 'bsw-icb', scopes: ['bcf', 'childrens-services'], amountPence: 100_000_050, at: '2026-12-05' },
      errors: [],
    });
  });

  it('names every field it cannot use, in the order of the form', () => {
    expect(readAuthorityForm({ holderId: ' ', organisationId: '', scopes: ', ,', amount: '1.005', at: '' }, '2026-12-05').errors.map((error) => error.field)).toEqual(['holderId', 'organisationId', 'scopes', 'amount']);
  });

  it('answers in a sentence, and links each error to its field', () => {
    const names = { 'wiltshire-alliance-joint-committee': 'Wiltshire Alliance Joint Committee', 'bsw-icb': 'NHS BSW ICB' };
    const question = { holderId: 'wiltshire-alliance-joint-committee', organisationId: 'bsw-icb', scopes: ['bcf'], amountPence: 100_000_000, at: '2022-03-01T00:00:00.000Z' };
    const refused = presentAuthorityCheck(form, [], [], { question, answer: { allowed: false, chains: [], reasons: ['organisation bsw-icb was not established until 2022-07-01'] }, instruments: {}, names });
    expect(refused.answer).toEqual({ allowed: false, sentence: 'No: Wiltshire Alliance Joint Committee could not decide bcf up to £1,000,000 for NHS BSW ICB on 1 March 2022.', chains: [], reasons: ['organisation bsw-icb was not established until 2022-07-01'] });
    const withErrors = presentAuthorityCheck(form, [], [{ field: 'scopes', text: 'Enter at least one function, such as bcf' }], null);
    expect([withErrors.page.title, withErrors.errorList, withErrors.errorOf]).toEqual(['Error: Check authority', [{ text: 'Enter at least one function, such as bcf', href: '#scopes' }], { scopes: 'Enter at least one function, such as bcf' }]);
  });
});
