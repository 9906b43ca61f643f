import { aDecision, aProposal, NAMES } from '../proposals/proposal.fixtures.js';
import { presentDecision } from './decision.presenter.js';

const basis = {
  holderId: 'wokingham-corporate-team',
  organisationId: 'wokingham-borough-council',
  scopes: ['adult-social-care'],
  amountPence: 2_500_000,
  at: '2017-05-09T00:00:00+01:00',
  readAt: [{ streamId: 'scheme-wokingham-borough-council', version: 2 }],
  chains: [
    [
      {
        delegationId: 'wokingham-executive-to-corporate-team',
        fromId: 'wokingham-executive',
        toId: 'wokingham-corporate-team',
        scopes: ['adult-social-care', 'bcf'],
        limitPence: 50_000_000,
        effectiveFrom: '2001-05-01T00:00:00+01:00',
        effectiveUntil: null,
        mayRedelegate: false,
        organisationId: 'wokingham-borough-council',
      },
    ],
  ],
};

const instruments = { 'wokingham-executive-to-corporate-team': { title: 'Officer Scheme of Delegation', reference: 'Part 3', url: 'https://example.org/constitution' } };

describe('the decision page’s presenter', () => {
  it('draws the authority relied on as a chain from the governing body down, each delegation linked with its terms and instrument', () => {
    const decision = aDecision({ authority: basis, authorityNow: { holds: true, reasons: [], since: null } });
    const { authority } = presentDecision(aProposal({ ratifications: [decision] }), decision, instruments, NAMES);
    expect(authority).toEqual({
      question: 'Whether Wokingham Borough Council Corporate Team could decide adult social care up to £25,000 for Wokingham Borough Council on 9 May 2017.',
      chains: [
        {
          start: 'Wokingham Borough Council Executive',
          links: [
            {
              to: 'Wokingham Borough Council Corporate Team',
              delegation: { text: 'wokingham-executive-to-corporate-team', href: '/organisations/wokingham-borough-council/delegations/wokingham-executive-to-corporate-team' },
              terms: 'adult social care, bcf; up to £500,000; may not delegate further',
              instrument: { text: 'Officer Scheme of Delegation, Part 3', href: 'https://example.org/constitution' },
            },
          ],
        },
      ],
      now: { holds: true, sentences: ['On everything the ledger knows now, this authority still holds.'] },
    });
  });

  it('says why an authority no longer holds, and when the ledger learnt it', () => {
    const decision = aDecision({
      authority: basis,
      authorityNow: {
        holds: false,
        reasons: ['wokingham-executive-to-corporate-team was revoked with effect from 1 April 2017.'],
        since: { position: '950:2', recordedAt: '2018-01-15T10:00:00+00:00', streamId: 'scheme-wokingham-borough-council', streamVersion: 5, type: 'DelegationRevoked' },
      },
    });
    const { authority } = presentDecision(aProposal(), decision, {}, NAMES);
    expect(authority?.now).toEqual({
      holds: false,
      sentences: [
        'On what the ledger knows now, this authority no longer holds.',
        'wokingham-executive-to-corporate-team was revoked with effect from 1 April 2017.',
        'The ledger learnt this on 15 January 2018 at 10:00am (delegation revoked, position 950:2).',
      ],
    });
  });

  it('gives the statutory record, leaving out what was not recorded, and the call-in in sentences', () => {
    const decision = aDecision({
      alternativesConsidered: 'Do nothing.',
      meeting: { minuteRef: 'Minute 42', url: null },
      conflictsOfInterest: [{ member: 'Cllr A', interest: 'Employed by the trust', dispensation: null }],
      callInUntil: '2017-05-16T17:00:00+01:00',
      implementableFrom: '2017-05-17T00:00:00+01:00',
    });
    const content = presentDecision(aProposal(), decision, {}, NAMES);
    expect(content.record.map((row) => row.key.text)).toEqual(['Decision', 'Decided on', 'Decided by', 'Step of the route', 'On version', 'Reasons', 'Alternatives considered and rejected', 'Minute reference', 'Recorded in the ledger']);
    expect(content.conflicts).toEqual([{ member: 'Cllr A', interest: 'Employed by the trust', dispensation: 'None' }]);
    expect(content.callIn.sentences).toEqual(['The call-in period ended on 16 May 2017.', 'It may be implemented from 17 May 2017.']);
    expect(content.authority).toBeNull();
  });

  it('says a decision still open to call-in may not yet be implemented, a call-in lodged or not', () => {
    const decision = aDecision({ callInUntil: '2030-05-16T17:00:00+01:00', pendingCallIn: true, status: 'pending-call-in', implementableFrom: null });
    const lodged = { ...decision, callIns: [{ callInId: 'c', scrutinyBodyId: 'wokingham-hwb', lodgedOn: '2030-05-10T00:00:00+01:00', reason: 'Risk share', resolution: null }] };
    const before = Date.parse('2030-05-12T00:00:00Z');
    for (const shown of [decision, lodged]) {
      expect(presentDecision(aProposal(), shown, {}, NAMES, null, before).callIn.sentences.slice(0, 2)).toEqual(['Open to call-in until 16 May 2030.', 'It may not be implemented while it is open to call-in.']);
    }
    expect(presentDecision(aProposal(), lodged, {}, NAMES, null, Date.parse('2030-06-01T00:00:00Z')).callIn.sentences[0]).toBe('The call-in period ended on 16 May 2030.');
  });
});
