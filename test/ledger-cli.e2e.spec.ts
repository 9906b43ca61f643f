import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, SqlEventStore, storageOptionsFromEnvironment, type Database } from '@ledger/event-store';
import { describeOnEveryStore } from './ledger-api.js';
import { ledger } from './ledger-cli.js';
import { describeWithPostgres, openTestSchema } from './postgres.js';
import { freePort } from './free-port.js';

/** Wirral Council registered and its Cabinet established: two events for the read models. */
async function appendWirral(database: Database): Promise<void> {
  const store = new SqlEventStore(database);
  const event = (type: string, data: unknown) => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wirral' } });
  await store.append('organisation-wirral-council', [event('OrganisationRegistered', { organisationId: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-03-31T23:00:00.000Z' })], { expectedVersion: 'no-stream' });
  await store.append('body-wirral-cabinet', [event('BodyEstablished', { bodyId: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', memberOrganisationIds: [], establishedOn: '2000-04-30T23:00:00.000Z', termsOfReference: null })], { expectedVersion: 'no-stream' });
}

const activeGeneration = async (database: Database) =>
  (await database.query<{ schema_name: string }>('SELECT schema_name FROM ledger_read_model_generations WHERE active'))[0]?.schema_name;

function describeCli(storeName: string, open: () => Promise<{ environment: Record<string, string>; database: () => Promise<Database>; dispose(): Promise<void> }>) {
  describe(`the ledger command line on ${storeName}`, () => {
    let subject: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => subject.dispose());

    it('applies the migrations, then finds nothing more to apply', async () => {
      const first = await ledger(['migrate'], subject.environment);
      expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/: applied 0001_event_store\.sql, .* \(0 already applied\)\.\n$/) });
      const second = await ledger(['migrate'], subject.environment);
      expect(second).toMatchObject({ code: 0, stdout: expect.stringMatching(/: nothing to apply \(\d+ already applied\)\.\n$/) });
    });

    it('rebuilds the read models into a fresh generation and swaps it in, quietly when piped', async () => {
      const database = await subject.database();
      await migrate(database);
      await appendWirral(database);
      await database.close();

      const rebuilt = await ledger(['rebuild'], subject.environment);
      expect(rebuilt).toMatchObject({ code: 0, stderr: '' });
      const [, schema, previous] = /rebuilt 2 events into (\S+) in [\d.]+ s \(.* events\/s\); it now serves reads in place of (\S+)\.\n$/.exec(rebuilt.stdout) ?? [];
      expect(schema).toBeDefined();
      expect(schema).not.toBe(previous);

      const after = await subject.database();
      try {
        expect(await activeGeneration(after)).toBe(schema);
        expect(await after.query(`SELECT organisation_id, name FROM ${schema}.organisations`)).toEqual([{ organisation_id: 'wirral-council', name: 'Wirral Council' }]);
        expect(await after.query(`SELECT position, events::int FROM ${schema}.projection_checkpoint`)).toEqual([{ position: expect.stringMatching(/^\d+:\d+$/), events: 2 }]);
      } finally {
        await after.close();
      }
    });

    it('replays the read models as known at a moment into a schema of their own, and refuses to be asked two ways', async () => {
      const database = await subject.database();
      await migrate(database);
      await appendWirral(database);
      const schema = `${database.schema}_rm_replay`; // dropped with the test schema
      await database.close();
      const replayed = await ledger(['replay', '--as-known-at', new Date().toISOString(), '--schema', schema], subject.environment);
      expect(replayed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`replayed 2 events as known at \\S+ into ${schema} in [\\d.]+ s\\.\\nRead it through the API with the header  X-Ledger-As-Known-At: `)) });
      const twoWays = await ledger(['replay', '--as-known-at', '2022-03-01', '--until-position', '1:1', '--schema', `${schema}_2`], subject.environment);
      expect(twoWays).toMatchObject({ code: 1, stderr: 'ledger: Give exactly one of --as-known-at and --until-position.\n' });
    });

    it('creates, lists and revokes API keys, each change an event of the log naming the operator', async () => {
      const created = await ledger(['keys', 'create', '--name', 'wirral-ops', '--role', 'admin', '--expires', '2099-03-31'], subject.environment);
      expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ledger_[a-z0-9]{16}_\S{43}\n$/), stderr: expect.stringMatching(/issued admin key [a-z0-9]{16} to wirral-ops, expiring 2099-03-30T23:00:00.000Z/) });
      const keyId = created.stdout.slice('ledger_'.length, 'ledger_'.length + 16);
      const refused = await ledger(['keys', 'create', '--name', 'wirral-modgov', '--role', 'integration', '--bodies', 'wirral-cabinet'], subject.environment);
      expect(refused).toMatchObject({ code: 1, stderr: 'ledger: --bodies names what the ledger does not know: wirral-cabinet. No key was issued.\n' });

      const listed = await ledger(['keys', 'list', '--json'], subject.environment);
      expect(listed.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ name: 'wirral-ops', keyId, role: 'admin', status: 'active', createdBy: `operator:${userInfo().username}` })]);
      expect(listed.stdout).not.toContain(created.stdout.trim().slice(24));

      const revoked = await ledger(['keys', 'revoke', 'wirral-ops', '--reason', 'Handed over to the new team.'], subject.environment);
      expect(revoked).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^revoked ${keyId} of wirral-ops \\(log position \\d+:\\d+\\)\n$`)) });
      expect((await ledger(['keys', 'list'], subject.environment)).stdout).toMatch(new RegExp(`^wirral-ops +${keyId} +admin +revoked `, 'm'));

      const database = await subject.database();
      try {
        const events = await database.query<{ type: string; actor: string }>("SELECT type, actor FROM ledger_events WHERE stream_id = 'api-key-wirral-ops' ORDER BY stream_version");
        expect(events).toEqual([
          { type: 'ApiKeyIssued', actor: `operator:${userInfo().username}` },
          { type: 'ApiKeyRevoked', actor: `operator:${userInfo().username}` },
        ]);
      } finally {
        await database.close();
      }
    }, 180_000); // five runs of the command line, each opening the ledger: over a minute on a busy 2-core machine

    it('refuses an unknown command with exit code 1', async () => {
      const answer = await ledger(['frobnicate'], subject.environment);
      expect(answer).toMatchObject({ code: 1, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    });
  });
}

describeCli('embedded PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-cli-'));
  const environment = { LEDGER_DATA_DIR: dataDir };
  return {
    environment,
    database: () => openDatabase(storageOptionsFromEnvironment(environment)),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
});

describeWithPostgres('the ledger command line on PostgreSQL', (url) => {
  describeCli('PostgreSQL', async () => {
    const schema = await openTestSchema(url);
    const environment = { DATABASE_URL: url, DATABASE_SCHEMA: schema.database.schema };
    return {
      environment,
      database: () => openDatabase(storageOptionsFromEnvironment(environment)),
      dispose: () => schema.dispose(),
    };
  });
});

describe('the ledger command line against an embedded ledger it cannot open', () => {
  it('refuses a data folder another process has open, saying which and what to do, instead of writing where that process cannot see', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ledger-cli-in-use-'));
    const running = await openDatabase(storageOptionsFromEnvironment({ LEDGER_DATA_DIR: dataDir })); // as a running npm start holds it
    try {
      await migrate(running);
      await appendWirral(running);
      for (const args of [['replay', '--as-known-at', '2022-03-01', '--schema', 'replayed_then'], ['rebuild']]) {
        const answer = await ledger(args, { LEDGER_DATA_DIR: dataDir });
        expect(answer).toMatchObject({ code: 1, stderr: `ledger: The ledger's data folder ${dataDir} is in use by another process (pid ${process.pid}): the embedded store serves one process at a time. Stop that process first, or ask the running ledger instead (e.g. POST /v1/ledger/replays for a replay as known at a past moment).\n` });
      }
      expect(await running.query("SELECT 1 FROM pg_namespace WHERE nspname = 'replayed_then'")).toEqual([]);
    } finally {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a ledger in memory, which lives only in the process that runs it, instead of succeeding on an empty new one', async () => {
    const answer = await ledger(['replay', '--as-known-at', '2022-03-01', '--schema', 'replayed_then'], { LEDGER_DATA_DIR: 'memory://' });
    expect(answer).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ledger: There is no ledger here to open: memory:\/\/ is an embedded ledger in memory, which lives only in the process that runs it\. Ask that process instead \(e\.g\. POST \/v1\/ledger\/replays/) });
  });
});

describe('the ledger command line without a store', () => {
  it('says why it cannot reach PostgreSQL, and exits 1', async () => {
    const answer = await ledger(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(answer).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ledger: .*ECONNREFUSED/) });
  });
});

describe('ledger demo', () => {
  it('serves a fresh embedded ledger with the five seed papers, gives pages to open in a browser, and stops on Ctrl-C', async () => {
    const port = await freePort();
    const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, ...inherited } = process.env;
    const demo = spawn(process.execPath, ['bin/ledger.js', 'demo', '--port', String(port)], { env: inherited, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes('Stop with Ctrl-C') && demo.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(/calls from the 5 seed papers loaded into a fresh embedded ledger/);
      const wirral = `http://127.0.0.1:${port}/proposals/wirral-integrated-commissioning`;
      expect(output).toContain(wirral); // a page to open in a browser
      const page = await fetch(wirral);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(await page.text()).toContain('Exempt: Schedule 12A, paragraph 3');
      const answer = await fetch(wirral.replace('/proposals/', '/v1/proposals/'));
      expect(await answer.json()).toMatchObject({ status: 'open', summary: '[exempt: Schedule 12A paragraph 3]' });
      const checkpoint = await fetch(`http://127.0.0.1:${port}/v1/ledger/checkpoint`);
      expect(await checkpoint.json()).toMatchObject({ treeSize: expect.any(Number), verifierKey: expect.any(String) });
    } finally {
      demo.kill('SIGINT');
      await once(demo, 'exit');
    }
    expect((await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null))?.status).toBeUndefined(); // the API stopped with it
  }, 90_000);
});

describeOnEveryStore('ledger export and ledger verify against a running ledger', (api) => {
  let auditor: string;
  let folder: string;
  const cli = (args: string[]) => ledger(args, {});

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ledger-export-'));
    auditor = await api().keyFor('auditor', 'grant-thornton');
    for (const [path, body] of [
      ['/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
      ['/v1/posts', { id: 'wirral-director-of-care', title: 'Director for Health and Care', organisationId: 'wirral-council' }],
    ] as const) expect((await api().post(path, body)).status).toBe(201);
    expect((await api().post('/v1/ledger/checkpoints', {}, { key: auditor })).status).toBe(201);
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  it('exports to a file that verifies offline against the key and checkpoint an auditor kept', async () => {
    const checkpoint = (await api().get('/v1/ledger/checkpoint', { key: null })).json();
    await writeFile(join(folder, 'kept.key'), checkpoint.verifierKey);
    await writeFile(join(folder, 'kept.checkpoint'), checkpoint.note);
    const exported = await cli(['export', '--url', api().baseUrl, '--key', auditor, '--out', join(folder, 'ledger.ndjson')]);
    expect(exported).toMatchObject({ code: 0, stderr: expect.stringMatching(/exported 7 lines/) }); // header, checkpoint, 5 leaves (the auditor key's issue, then Wirral's 4 events)
    const verified = await cli(['verify', join(folder, 'ledger.ndjson'), '--public-key', join(folder, 'kept.key'), '--checkpoint', join(folder, 'kept.checkpoint')]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^verified: 5 leaves and 1 signed checkpoints hold/) });
  });

  it('fails an export with a byte changed, naming the leaf (exit 1)', async () => {
    const text = await readFile(join(folder, 'ledger.ndjson'), 'utf8');
    await writeFile(join(folder, 'changed.ndjson'), text.replace('Director for Health and Care', 'Director for Health and Carr'));
    const verified = await cli(['verify', join(folder, 'changed.ndjson'), '--public-key', join(folder, 'kept.key')]);
    expect(verified).toMatchObject({ code: 1, stdout: expect.stringMatching(/NOT VERIFIED at leaf 4 \(line 7 of \S+changed\.ndjson\): leaf 4: /) });
  });

  it('names the event when one stored event is altered in the database directly', async () => {
    expect((await cli(['verify', '--url', api().baseUrl, '--key', auditor])).code).toBe(0);
    await api().database.query("UPDATE ledger_events SET body = replace(body, 'Wirral Council', 'Wirral Borough Council') WHERE stream_id = 'organisation-wirral-council' AND stream_version = 1");
    const verified = await cli(['verify', '--url', api().baseUrl, '--key', auditor]);
    expect(verified).toMatchObject({ code: 1, stdout: expect.stringMatching(/NOT VERIFIED at leaf 1 .*organisation-wirral-council v1 at log position \d+:\d+ has been altered in the store since it was sealed/) });
  });
});
