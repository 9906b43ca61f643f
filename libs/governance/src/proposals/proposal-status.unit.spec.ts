import { statusOf } from './proposal-status.js';

describe('the status of a proposal', () => {
  const approveEndorseNote = (approve: string | null, endorse: string | null, note: string | null) =>
    [
      { requirement: 'approve' as const, outcome: approve },
      { requirement: 'endorse' as const, outcome: endorse },
      { requirement: 'note' as const, outcome: note },
    ] as Parameters<typeof statusOf>[1];

  it('is open until every step has the decision it asks for', () => {
    expect(statusOf(false, approveEndorseNote('approved', 'approved', null))).toBe('open');
    expect(statusOf(false, approveEndorseNote(null, null, null))).toBe('open');
  });

  it('is ratified when every approve and endorse step is approved and every note step approved or noted', () => {
    expect(statusOf(false, approveEndorseNote('approved', 'approved', 'noted'))).toBe('ratified');
    expect(statusOf(false, approveEndorseNote('approved', 'approved', 'approved'))).toBe('ratified');
  });

  it('counts an approval with conditions as an approval', () => {
    expect(statusOf(false, approveEndorseNote('approved-with-conditions', 'approved-with-conditions', 'noted'))).toBe('ratified');
  });

  it('does not count a noting as an approval or endorsement', () => {
    expect(statusOf(false, approveEndorseNote('noted', 'approved', 'noted'))).toBe('open');
  });

  it('is rejected when an approve or an endorse step is rejected, whatever the others say', () => {
    expect(statusOf(false, approveEndorseNote('rejected', 'approved', 'noted'))).toBe('rejected');
    expect(statusOf(false, approveEndorseNote(null, 'rejected', null))).toBe('rejected');
  });

  it('is withdrawn, finally, once withdrawn', () => {
    expect(statusOf(true, approveEndorseNote('approved', 'approved', 'noted'))).toBe('withdrawn');
  });
});
