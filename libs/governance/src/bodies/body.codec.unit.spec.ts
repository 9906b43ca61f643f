import { fold } from '../shared/decider.js';
import { EventDecodingError } from '../shared/event-codec.js';
import { parseInstant } from '../shared/ledger-time.js';
import { bodyCodec } from './body.codec.js';
import { bodyDecider } from './body.decider.js';
import type { BodyEvent } from './body.events.js';

const day = (date: string) => parseInstant(date)!;

const established = {
  type: 'BodyEstablished',
  schemaVersion: 1,
  data: {
    bodyId: 'wiltshire-alliance-joint-committee',
    name: 'Wiltshire Alliance Joint Committee',
    kind: 'joint-committee',
    organisationId: 'wiltshire-council',
    memberOrganisationIds: ['wiltshire-council', 'bsw-icb'],
    establishedOn: day('2022-07-01'),
    termsOfReference: null,
  },
};

/** MembershipStarted as version 1 wrote it: the member in two fields, exactly one of them set. */
const startedV1 = (membershipId: string, memberName: string | null, memberOrganisationId: string | null) => ({
  type: 'MembershipStarted',
  schemaVersion: 1,
  data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId, memberName, memberOrganisationId, role: 'member', onBehalfOfOrganisationId: null, startDate: day('2022-07-01'), endDate: null },
});

describe('a body’s events read from the store', () => {
  it('reads a version 1 membership of a person as version 2: the member named once', () => {
    expect(bodyCodec.decode(startedV1('chair', 'Cllr Richard Clewer', null))).toEqual({
      type: 'MembershipStarted',
      data: {
        bodyId: 'wiltshire-alliance-joint-committee',
        membershipId: 'chair',
        member: { kind: 'person', name: 'Cllr Richard Clewer' },
        role: 'member',
        onBehalfOfOrganisationId: null,
        startDate: day('2022-07-01'),
        endDate: null,
      },
    });
  });

  it('reads a version 1 membership of an organisation as version 2', () => {
    expect(bodyCodec.decode(startedV1('icb-seat', null, 'bsw-icb')).data).toMatchObject({ member: { kind: 'organisation', organisationId: 'bsw-icb' } });
  });

  it('folds a stream written at version 1 into the state a version 2 stream gives', () => {
    const v1 = [established, startedV1('chair', 'Cllr Richard Clewer', null), startedV1('icb-seat', null, 'bsw-icb')];
    const v2 = v1.map((stored) => ({ ...stored, schemaVersion: bodyCodec.schemaVersionOf(stored.type as BodyEvent['type']), data: bodyCodec.decode(stored).data }));
    expect(v2[1].data).not.toHaveProperty('memberName');
    const folded = (stream: { type: string; schemaVersion: number; data: unknown }[]) => fold(bodyDecider, stream.map((stored) => bodyCodec.decode(stored)));
    expect(folded(v1)).toEqual(folded(v2));
  });

  it('writes MembershipStarted at version 2 and the body’s other events at version 1', () => {
    expect(bodyCodec.types.map((type) => [type, bodyCodec.schemaVersionOf(type)])).toEqual([
      ['BodyEstablished', 1],
      ['BodyDissolved', 1],
      ['MembershipStarted', 2],
      ['MembershipEnded', 1],
    ]);
  });

  it('refuses, naming what is wrong, an event of another stream, of a version not yet written, or whose fields have not the shape of the type', () => {
    const refusal = (stored: { type: string; schemaVersion: number; data: unknown }) => {
      try {
        bodyCodec.decode(stored);
      } catch (error) {
        expect(error).toBeInstanceOf(EventDecodingError);
        return (error as Error).message;
      }
      throw new Error('decoded');
    };
    expect(refusal({ ...established, type: 'DelegationGranted' })).toBe('A stored DelegationGranted event (schema version 1) cannot be read: it is not an event of body streams.');
    expect(refusal({ ...startedV1('x', 'A', null), schemaVersion: 3 })).toMatch(/reads up to version 2; it was written by a newer one/);
    expect(refusal({ ...established, data: { ...established.data, kind: 'cabinet' } })).toMatch(/kind has not the shape of the type/);
    expect(refusal({ ...established, data: { ...established.data, establishedOn: 'soon', memberOrganisationIds: 'bsw-icb' } })).toMatch(/memberOrganisationIds, establishedOn have not/);
    expect(refusal({ ...startedV1('x', null, null) })).toMatch(/member has not the shape/);
    expect(refusal({ ...established, schemaVersion: 0 })).toMatch(/not a whole number from 1/);
    expect(refusal({ ...established, data: null })).toMatch(/its data is not an object/);
  });
});
