import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { importScenarios } from '../apps/ledger-cli/src/scenarios/scenario-import.js';
import { ADMIN_KEY, describeOnEveryStore, type HttpAnswer } from './ledger-api.js';

/*
 * Every command and every list, sent what fast-check makes of them: bodies of the right shape with
 * one field replaced by anything, bodies of any JSON at all, ids of any text, query parameters of
 * any value. No answer may be a 5xx, and no refusal may append an event. In CI with a fixed seed
 * (FUZZ_SEED) and FUZZ_RUNS runs a property (60); `npm run bench:fuzz` runs 3,000.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const SCENARIOS = join(process.cwd(), 'scenarios');

/** Every command the seed papers make, with its body as they make it: the fuzzer changes one field of one. */
async function seedCommands(): Promise<{ path: string; body: Record<string, unknown> }[]> {
  const files = (await readdir(SCENARIOS)).filter((file) => file.endsWith('.ndjson')).sort();
  const lines = (await Promise.all(files.map((file) => readFile(join(SCENARIOS, file), 'utf8')))).flatMap((text) => text.split('\n').filter((line) => line.trim() !== ''));
  return lines.map((line) => JSON.parse(line) as { method: string; path: string; body: Record<string, unknown> }).filter((call) => call.method === 'POST');
}

const LISTS: { path: string; parameters: string[] }[] = [
  { path: '/v1/organisations', parameters: ['limit', 'cursor', 'kind', 'at', 'minPosition'] },
  { path: '/v1/bodies', parameters: ['limit', 'cursor', 'organisationId', 'at'] },
  { path: '/v1/delegations', parameters: ['limit', 'cursor', 'organisationId', 'holderId', 'at', 'asKnownAt'] },
  { path: '/v1/proposals', parameters: ['limit', 'cursor', 'status', 'organisationId', 'scope', 'from', 'to', 'minPosition'] },
  { path: '/v1/ratifications', parameters: ['limit', 'cursor', 'deciderId', 'organisationId', 'outcome', 'authority', 'callIn', 'keyDecision', 'from', 'to'] },
  { path: '/v1/bodies/wirral-cabinet/decisions', parameters: ['limit', 'cursor', 'from', 'to', 'outcome', 'callIn', 'keyDecision'] },
  { path: '/v1/proposals/wirral-integrated-commissioning/history', parameters: ['limit', 'cursor'] },
  { path: '/v1/audit', parameters: ['limit', 'cursor', 'fromPosition', 'streamId', 'type', 'from', 'to'] },
  { path: '/v1/events', parameters: ['limit', 'cursor', 'fromPosition'] },
  { path: '/v1/authority/check', parameters: ['holderId', 'organisationId', 'scopes', 'amountPence', 'at'] },
  { path: '/v1/search', parameters: ['q', 'limit'] },
];

/** Values a field or a parameter might be sent. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '0', '-1', '1e308', 'NaN', 'null', 'true', '2018-02-30', '2018-01-01T25:00:00Z', '../../etc', '%00', '\u0000', 'ﬀ', '🙂', 'wirral-council', '1:1', '99999999999999999999'),
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

describeOnEveryStore('requests made by a fuzzer', (api) => {
  const statuses: Record<number, number> = {};
  const tally = (answer: HttpAnswer) => (statuses[answer.status] = (statuses[answer.status] ?? 0) + 1);

  let commands: { path: string; body: Record<string, unknown> }[];

  beforeAll(async () => {
    commands = await seedCommands();
    const files = (await readdir(SCENARIOS)).filter((file) => file.endsWith('.ndjson')).sort();
    await importScenarios(files.map((file) => join(SCENARIOS, file)), { url: api().baseUrl, key: ADMIN_KEY });
  });
  afterAll(() => console.log(`RESULT fuzz runs=${RUNS} seed=${SEED} answers=${JSON.stringify(statuses)}`));

  /** Sends; an answer of 5xx, or a refusal that appended, fails the property. */
  async function refusedCleanly(send: () => Promise<HttpAnswer>): Promise<void> {
    const before = await api().eventCount();
    const answer = await send();
    tally(answer);
    if (answer.status >= 500) throw new Error(`${answer.status}: ${answer.body.slice(0, 300)}`);
    if (answer.status >= 400) {
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await api().eventCount()).toBe(before);
    }
  }

  it('no command answers 5xx, and no refusal appends, whatever one field of its body holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ maxLength: 12 }), anyValue, fc.boolean(), async (which, field, value, replaceAKnownField) => {
        const command = commands[which % commands.length];
        const keys = Object.keys(command.body);
        const name = replaceAKnownField && keys.length > 0 ? keys[Math.abs(field.length) % keys.length] : field;
        await refusedCleanly(() => api().post(command.path, { ...command.body, [name]: value }));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('no command answers 5xx for a body of any JSON, or an id of any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.jsonValue({ maxDepth: 4 }), fc.string({ minLength: 1, maxLength: 30 }), async (which, body, id) => {
        const command = commands[which % commands.length];
        await refusedCleanly(() => api().request('POST', command.path, { rawBody: JSON.stringify(body) ?? 'null' }));
        const withId = command.path.replace(/^(\/v1\/[a-z-]+\/)[^/]+/, `$1${encodeURIComponent(id)}`);
        await refusedCleanly(() => api().post(withId, command.body));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('no list answers 5xx, whatever its query parameters hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LISTS), fc.array(fc.tuple(fc.nat(), anyValue), { maxLength: 4 }), async (list, chosen) => {
        const query = chosen.map(([index, value]) => `${list.parameters[index % list.parameters.length]}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value) ?? '')}`).join('&');
        const answer = await api().get(`${list.path}?${query}`, { key: null });
        tally(answer);
        if (answer.status >= 500) throw new Error(`${list.path}?${query}: ${answer.status} ${answer.body.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
