import { describeOnEveryStore, expectRefused } from './ledger-api.js';

describeOnEveryStore('bodies, memberships and posts over HTTP', (api) => {
  let clerk: string;
  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wiltshire-clerk');
    for (const organisation of [
      { id: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care', 'bcf'], establishedOn: '2009-04-01' },
      { id: 'bsw-icb', name: 'BSW Integrated Care Board', kind: 'icb', functions: ['commissioning', 'bcf'], establishedOn: '2022-07-01' },
    ]) {
      expect((await api().post('/v1/organisations', organisation, { key: clerk })).status).toBe(201);
    }
  });

  const cabinet = { id: 'wiltshire-cabinet', name: 'Wiltshire Council Cabinet', kind: 'governing-body', organisationId: 'wiltshire-council', establishedOn: '2009-04-01' };

  it('establishes a governing body, which then holds its organisation’s plenary authority', async () => {
    const answer = await api().post('/v1/bodies', cabinet, { key: clerk });
    expect(answer.status).toBe(201);
    expect(answer.json()).toEqual({ id: 'wiltshire-cabinet', position: expect.any(String) });
    expect((await api().eventsOf('body-wiltshire-cabinet')).map((event) => event.type)).toEqual(['BodyEstablished']);
    const organisation = await api().eventsOf('organisation-wiltshire-council');
    expect(organisation.map((event) => event.type)).toEqual(['OrganisationRegistered', 'GoverningBodyDesignated']);
    expect(answer.headers['x-ledger-position']).toBe(answer.json().position);
  });

  it('refuses a second governing body for the organisation, appending to neither stream', async () => {
    await expectRefused(api(), () => api().post('/v1/bodies', { ...cabinet, id: 'wiltshire-full-council', name: 'Full Council' }, { key: clerk }), 409, 'invalid_transition');
    expect(await api().eventsOf('body-wiltshire-full-council')).toEqual([]);
  });

  it('refuses a governing body without its organisation (400)', async () => {
    await expectRefused(api(), () => api().post('/v1/bodies', { ...cabinet, id: 'orphan-board', organisationId: undefined }, { key: clerk }), 400, 'validation_failed');
  });

  it('refuses a body of an unknown organisation', async () => {
    await expectRefused(
      api(),
      () => api().post('/v1/bodies', { id: 'ghost-committee', name: 'Ghost', kind: 'committee', organisationId: 'no-such-council', establishedOn: '2020-01-01' }, { key: clerk }),
      404,
      'not_found',
    );
  });

  it('establishes the Wiltshire Alliance Joint Committee with its member organisations and a rotating chair', async () => {
    const committee = {
      id: 'wiltshire-alliance-joint-committee',
      name: 'Wiltshire Alliance Joint Committee',
      kind: 'joint-committee',
      memberOrganisationIds: ['wiltshire-council', 'bsw-icb'],
      establishedOn: '2022-07-01',
    };
    expect((await api().post('/v1/bodies', committee, { key: clerk })).status).toBe(201);
    const chair2022 = { membershipId: 'chair-2022', memberName: 'Cllr Richard Clewer', role: 'chair', onBehalfOfOrganisationId: 'wiltshire-council', startDate: '2022-07-01', endDate: '2023-07-01' };
    const chair2023 = { membershipId: 'chair-2023', memberName: 'Fiona Slevin-Brown', role: 'chair', onBehalfOfOrganisationId: 'bsw-icb', startDate: '2023-07-01' };
    for (const membership of [chair2022, chair2023]) {
      const answer = await api().post('/v1/bodies/wiltshire-alliance-joint-committee/memberships', membership, { key: clerk });
      expect(answer.status).toBe(201);
      expect(answer.json().id).toBe(membership.membershipId);
    }
    await expectRefused(api(), () => api().post('/v1/bodies/wiltshire-alliance-joint-committee/memberships', chair2023, { key: clerk }), 409, 'already_exists');
    await expectRefused(
      api(),
      () => api().post('/v1/bodies/wiltshire-alliance-joint-committee/memberships', { ...chair2023, membershipId: 'both', memberOrganisationId: 'bsw-icb' }, { key: clerk }),
      400,
      'validation_failed',
    );
    const ended = await api().post('/v1/bodies/wiltshire-alliance-joint-committee/memberships/chair-2023/end', { endDate: '2024-07-01', reason: 'The chair rotates' }, { key: clerk });
    expect(ended.status).toBe(201);
    await expectRefused(api(), () => api().post('/v1/bodies/wiltshire-alliance-joint-committee/memberships/chair-2023/end', { endDate: '2024-07-01' }, { key: clerk }), 409, 'invalid_transition');
    await expectRefused(api(), () => api().post('/v1/bodies/wiltshire-alliance-joint-committee/memberships/no-such-member/end', { endDate: '2024-07-01' }, { key: clerk }), 404, 'not_found');
  });

  it('dissolving a governing body vacates its organisation’s plenary authority', async () => {
    await api().post('/v1/organisations', { id: 'bsw-ccg', name: 'BSW CCG', kind: 'ccg', functions: ['commissioning'], establishedOn: '2020-04-01' }, { key: clerk });
    await api().post('/v1/bodies', { id: 'bsw-ccg-governing-body', name: 'BSW CCG Governing Body', kind: 'governing-body', organisationId: 'bsw-ccg', establishedOn: '2020-04-01' }, { key: clerk });
    const answer = await api().post('/v1/bodies/bsw-ccg-governing-body/dissolution', { dissolvedOn: '2022-07-01' }, { key: clerk });
    expect(answer.status).toBe(201);
    expect((await api().eventsOf('organisation-bsw-ccg')).map((event) => event.type)).toEqual(['OrganisationRegistered', 'GoverningBodyDesignated', 'GoverningBodyVacated']);
    await expectRefused(api(), () => api().post('/v1/bodies/bsw-ccg-governing-body/dissolution', { dissolvedOn: '2022-08-01' }, { key: clerk }), 409, 'invalid_transition');
  });

  it('creates a post and records its holders one at a time', async () => {
    const post = { id: 'wiltshire-director-adult-social-services', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' };
    expect((await api().post('/v1/posts', post, { key: clerk })).status).toBe(201);
    await expectRefused(api(), () => api().post('/v1/posts', post, { key: clerk }), 409, 'already_exists');
    // A post may not take a body's id, nor a body a post's: deciders are named by id alone.
    await expectRefused(api(), () => api().post('/v1/posts', { ...post, id: 'wiltshire-cabinet' }, { key: clerk }), 409, 'already_exists');
    await expectRefused(
      api(),
      () => api().post('/v1/bodies', { id: post.id, name: 'A committee', kind: 'committee', organisationId: 'wiltshire-council', establishedOn: '2020-01-01' }, { key: clerk }),
      409,
      'already_exists',
    );
    await expectRefused(api(), () => api().post('/v1/posts', { ...post, id: 'orphan-post', organisationId: 'no-such-council' }, { key: clerk }), 404, 'not_found');
    const holder = await api().post(`/v1/posts/${post.id}/holders`, { personName: 'Emma Legg', startDate: '2021-01-04' }, { key: clerk });
    expect(holder.status).toBe(201);
    await expectRefused(api(), () => api().post(`/v1/posts/${post.id}/holders`, { personName: 'Someone Else', startDate: '2022-01-04' }, { key: clerk }), 409, 'invalid_transition');
    await expectRefused(api(), () => api().post(`/v1/posts/no-such-post/holders`, { personName: 'Someone Else', startDate: '2022-01-04' }, { key: clerk }), 404, 'not_found');
    await expectRefused(api(), () => api().post(`/v1/posts/${post.id}/holders`, { personName: 'Someone Else', startDate: 'next week' }, { key: clerk }), 400, 'validation_failed');
  });
});
