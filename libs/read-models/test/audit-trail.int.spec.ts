import { auditTrailProjection } from '@ledger/read-models';
import { anEvent, describeReadModels } from './read-model-harness.js';

describeReadModels('the audit trail read model', (subject) => {
  it('keeps one row per event with its actor and line of English', async () => {
    const { store, readModels } = subject();
    const { positions } = await store.append('organisation-wirral-council', [anEvent('OrganisationRegistered', { organisationId: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', establishedOn: '1974-03-31T23:00:00.000Z' }, 'clerk:wirral')], { expectedVersion: 'no-stream' });
    const { projector, reader } = await readModels([auditTrailProjection]);
    await projector.projectThrough(positions[0]);
    expect(await reader.query('SELECT stream_id, type, actor, summary FROM audit_trail')).toEqual([
      { stream_id: 'organisation-wirral-council', type: 'OrganisationRegistered', actor: 'clerk:wirral', summary: 'Wirral Council (wirral-council) registered as local-authority, established 1 April 1974' },
    ]);
  });
});
