import { describeOnEveryStore, type LedgerApi } from './ledger-api.js';

/*
 * Three commands change two streams each: establishing a governing body (the body, and its
 * organisation's designation), dissolving an organisation into a successor (the dissolution, and
 * the successor's succession) and granting a delegation (the id's claim across all schemes, and the
 * grant in its scheme). Each is one change: a failure injected between the two appends — the
 * database refusing the second stream's insert, as a crash or a lost connection at that moment
 * would — must leave neither stream written, and the command sent again must record both.
 */

const COUNCIL = 'swindon-borough-council';
const CCG = 'swindon-ccg';
const ICB = 'bsw-icb';
const CABINET = 'swindon-cabinet';
const DASS = 'swindon-director-adult-social-services';

/** Makes the database refuse any event of `streamId` until the returned function is called. */
async function failAppendsTo(api: LedgerApi, streamId: string): Promise<() => Promise<void>> {
  const name = `fail_${streamId.replace(/\W/g, '_')}`;
  await api.database.execScript(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure appending to %', NEW.stream_id; END $$;
     CREATE TRIGGER ${name} BEFORE INSERT ON ledger_events FOR EACH ROW WHEN (NEW.stream_id = '${streamId}') EXECUTE FUNCTION ${name}();`,
  );
  return () => api.database.execScript(`DROP TRIGGER ${name} ON ledger_events; DROP FUNCTION ${name}();`);
}

async function streamLengths(api: LedgerApi, streamIds: string[]): Promise<number[]> {
  return Promise.all(streamIds.map(async (streamId) => (await api.eventsOf(streamId)).length));
}

describeOnEveryStore('a command that changes two streams', (api) => {
  let clerk: string;
  const post = (path: string, body: unknown) => api().post(path, body, { key: clerk });

  /**
   * Sends the command with the second stream's append failing: it fails, and neither stream nor
   * the log has moved. Sent again once the database takes the append, it records both streams.
   */
  async function expectOneChange(path: string, body: unknown, [first, second]: [string, string]): Promise<string> {
    const before = { events: await api().eventCount(), streams: await streamLengths(api(), [first, second]) };
    const restore = await failAppendsTo(api(), second);
    try {
      const failed = await post(path, body);
      expect(failed.status).toBe(500);
      expect(failed.json()).toMatchObject({ status: 500 });
    } finally {
      await restore();
    }
    expect(await api().eventCount()).toBe(before.events);
    expect(await streamLengths(api(), [first, second])).toEqual(before.streams);

    const again = await post(path, body);
    expect(again.status).toBe(201);
    const after = await streamLengths(api(), [first, second]);
    expect(after[0]).toBeGreaterThan(before.streams[0]);
    expect(after[1]).toBeGreaterThan(before.streams[1]);
    return again.json().position;
  }

  /** A read as it stands once the read models hold `position`. */
  const readAfter = (path: string, position: string) => api().get(`${path}?minPosition=${position}`, { key: clerk });

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'swindon-democratic-services');
    const setup: [string, unknown][] = [
      ['/v1/organisations', { id: COUNCIL, name: 'Swindon Borough Council', kind: 'local-authority', functions: ['adult-social-care', 'bcf'], establishedOn: '1997-04-01' }],
      ['/v1/organisations', { id: CCG, name: 'NHS Swindon CCG', kind: 'ccg', functions: ['commissioning', 'bcf'], establishedOn: '2013-04-01' }],
      ['/v1/organisations', { id: ICB, name: 'NHS Bath and North East Somerset, Swindon and Wiltshire ICB', kind: 'icb', functions: ['commissioning', 'bcf'], establishedOn: '2022-07-01' }],
      ['/v1/posts', { id: DASS, title: 'Director of Adult Social Services', organisationId: COUNCIL }],
    ];
    for (const [path, body] of setup) {
      const answer = await post(path, body);
      if (answer.status !== 201) throw new Error(`${path}: ${answer.body}`);
    }
  });

  it('establishes a governing body and designates it in one change', async () => {
    const position = await expectOneChange('/v1/bodies', { id: CABINET, name: 'Swindon Cabinet', kind: 'governing-body', organisationId: COUNCIL, establishedOn: '2000-05-01' }, [
      `body-${CABINET}`,
      `organisation-${COUNCIL}`,
    ]);
    const organisation = await readAfter(`/v1/organisations/${COUNCIL}`, position);
    expect(organisation.json()).toMatchObject({ governingBodies: [{ bodyId: CABINET, until: null }] });
  });

  it('claims a delegation id and grants the delegation in one change', async () => {
    await expectOneChange(
      '/v1/delegations',
      {
        id: 'swindon-cabinet-to-dass',
        organisationId: COUNCIL,
        fromId: CABINET,
        toId: DASS,
        scopes: ['adult-social-care'],
        limitPence: 50_000_000,
        effectiveFrom: '2020-04-01',
        mayRedelegate: false,
        instrument: { title: 'Swindon Borough Council Constitution, Part 3: Scheme of Delegation' },
      },
      ['delegation-swindon-cabinet-to-dass', `scheme-${COUNCIL}`],
    );
  });

  it('dissolves an organisation and records its successor’s succession in one change', async () => {
    const position = await expectOneChange(`/v1/organisations/${CCG}/dissolution`, { dissolvedOn: '2022-07-01', successorId: ICB, transferDelegations: true }, [`organisation-${CCG}`, `organisation-${ICB}`]);
    const ccg = await readAfter(`/v1/organisations/${CCG}`, position);
    expect(ccg.json()).toMatchObject({ dissolution: { successorId: ICB } });
  });
});
