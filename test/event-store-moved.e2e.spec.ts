import { recordEventStoreMove } from '@ledger/event-store';
import { describeOnEveryStore, expectRefused } from './ledger-api.js';

const organisation = (id: string, name: string) => ({ id, name, kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '2009-04-01' });

/** An API left running on its database after `ledger migrate-events --switch` moved the events to EventStoreDB. */
describeOnEveryStore('an API left running after its events moved', (api) => {
  it('records nothing more, answering 503 with what to do', async () => {
    const clerk = await api().keyFor('clerk', 'wiltshire-democratic-services');
    expect((await api().post('/v1/organisations', organisation('wiltshire-council', 'Wiltshire Council'), { key: clerk })).status).toBe(201);
    await api().database.transaction((session) => recordEventStoreMove(session, 'eventstoredb'));
    const answer = await expectRefused(api(), () => api().post('/v1/organisations', organisation('swindon-council', 'Swindon Borough Council'), { key: clerk }), 503, 'event_store_moved');
    expect(answer.json().detail).toMatch(/have moved to EventStoreDB.*Restart the service with EVENTSTORE_CONNECTION_STRING set/);
  });
});
