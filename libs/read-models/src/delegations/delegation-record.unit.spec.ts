import { emptyScheme, parseInstant, schemeDecider, standingAt, type Instant, type SchemeEvent } from '@ledger/governance';
import { foldDelegation, type DelegationRecord } from './delegation-record.js';

function on(date: string): Instant {
  const instant = parseInstant(date);
  if (!instant) throw new Error(`Not a date: ${date}`);
  return instant;
}

const delegationId = 'bsw-icb-to-finance-committee';
const organisationId = 'bsw-icb';
const about = { delegationId, organisationId };

/** A delegation varied twice (the second backdated before the first), suspended, reinstated, suspended again and revoked. */
const events: SchemeEvent[] = [
  {
    type: 'DelegationGranted',
    data: {
      ...about,
      fromId: 'bsw-icb-board',
      toId: 'bsw-icb-finance-committee',
      scopes: ['finance'],
      limitPence: 500_000_000,
      effectiveFrom: on('2022-07-01'),
      effectiveUntil: null,
      mayRedelegate: false,
      instrument: { title: 'Scheme of Reservation and Delegation', reference: 'SoRD v1.2', url: null },
      authorisedByProposalId: null,
    },
  },
  { type: 'DelegationVaried', data: { ...about, effectiveFrom: on('2023-04-01'), reason: 'Annual review.', changes: [{ term: 'limitPence', to: 1_000_000_000 }] } },
  { type: 'DelegationVaried', data: { ...about, effectiveFrom: on('2023-01-01'), reason: 'Backdated correction.', changes: [{ term: 'mayRedelegate', to: true }] } },
  { type: 'DelegationSuspended', data: { ...about, effectiveFrom: on('2023-06-01'), reason: 'Governance review.' } },
  { type: 'DelegationReinstated', data: { ...about, effectiveFrom: on('2023-07-01'), reason: 'Review complete.' } },
  { type: 'DelegationSuspended', data: { ...about, effectiveFrom: on('2023-09-01'), reason: 'Audit finding.' } },
  { type: 'DelegationRevoked', data: { ...about, effectiveFrom: on('2023-10-01'), reason: 'Committee dissolved.' } },
];

const instants = ['2022-06-30', '2022-07-01', '2023-01-15', '2023-04-02', '2023-06-15', '2023-07-02', '2023-09-15', '2023-10-02'].map(on);

describe('foldDelegation: the read model folds a delegation into its own record', () => {
  it('holds nothing until the delegation is granted', () => {
    expect(foldDelegation(null, events[1])).toBeNull();
  });

  it('keeps variations in valid-time order and each suspension with its reinstatement', () => {
    const record = events.reduce<DelegationRecord | null>(foldDelegation, null)!;
    expect(record.variations.map((variation) => variation.reason)).toEqual(['Backdated correction.', 'Annual review.']);
    expect(record.suspensions).toEqual([
      { from: on('2023-06-01'), until: on('2023-07-01'), reason: 'Governance review.', reinstatementReason: 'Review complete.' },
      { from: on('2023-09-01'), until: null, reason: 'Audit finding.', reinstatementReason: null },
    ]);
    expect(record.revocation).toEqual({ effectiveFrom: on('2023-10-01'), reason: 'Committee dissolved.' });
  });

  it('stands at every instant as the scheme’s own state does, after every event', () => {
    let record: DelegationRecord | null = null;
    let scheme = emptyScheme;
    events.forEach((event, index) => {
      record = foldDelegation(record, event);
      scheme = schemeDecider.evolve(scheme, event);
      const delegation = scheme.delegations.get(delegationId)!;
      for (const at of instants) {
        const context = `after ${index + 1} events, at ${at}`;
        expect([context, standingAt(record!, at)]).toEqual([context, standingAt(delegation, at)]);
      }
    });
  });
});
