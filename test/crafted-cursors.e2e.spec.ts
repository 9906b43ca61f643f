import { describeOnEveryStore } from './ledger-api.js';

/*
 * Cursors and positions that the ledger never gave out, crafted as an attacker would (the right
 * shape, wrong contents): every one answers 400, with a problem naming the field, never a 500 and
 * never a page.
 */

const LISTS = [
  '/v1/organisations',
  '/v1/bodies',
  '/v1/delegations',
  '/v1/proposals',
  '/v1/ratifications',
  '/v1/bodies/wirral-cabinet/decisions',
  '/v1/proposals/wirral-crafted/history',
  '/v1/audit',
  '/v1/events',
];

const ODD_PARTS: (string | number)[] = ['x', '', '\u0000', '9223372036854775808', '-1', '2017-13-45T99:00:00Z', 1e20, -1, 1.5, 'NaN', '1:1', '🙂'];
const cursor = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

/** For each arity a list's cursor may have, keys whose parts are all one odd value; and cursors that are not base64 JSON at all. */
const CRAFTED = [
  ...[1, 2, 3].flatMap((arity) => ODD_PARTS.map((part) => cursor(Array.from({ length: arity }, () => part)))),
  cursor([]),
  cursor({ a: 1 }),
  'not-a-cursor',
  '%00',
  'x'.repeat(5000),
];

const POSITIONS = ['99999999999999999999:1', '1:99999999999999999999', '-1:-1', '1:1:1', '\u0000', ' 1:1', '1e3:1', '18446744073709551616:0'];

describeOnEveryStore('cursors and positions the ledger never gave out', (api) => {
  beforeAll(async () => {
    for (const [path, body] of [
      ['/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
      ['/v1/posts', { id: 'wirral-cabinet-member', title: 'Cabinet Member', organisationId: 'wirral-council' }],
      ['/v1/proposals', { id: 'wirral-crafted', title: 'A proposal', summary: 'For the crafted cursors.', scopes: ['adult-social-care'], keyDecision: false, proposedById: 'wirral-cabinet-member', route: [{ organisationId: 'wirral-council', bodyId: 'wirral-cabinet', requirement: 'approve' }], tabledOn: '2018-01-08' }],
    ] as const) expect((await api().post(path, body)).status).toBe(201);
  });

  it.each(LISTS)('%s answers 400 for every crafted cursor', async (list) => {
    const answers: string[] = [];
    for (const crafted of CRAFTED) {
      const answer = await api().get(`${list}?cursor=${encodeURIComponent(crafted)}`);
      if (answer.status !== 400 || answer.json().code !== 'validation_failed') answers.push(`${answer.status} for ${JSON.stringify(Buffer.from(crafted, 'base64url').toString())}: ${answer.body.slice(0, 120)}`);
    }
    expect(answers).toEqual([]);
  });

  it.each(['/v1/audit?fromPosition=', '/v1/events?fromPosition=', '/v1/organisations?minPosition=', '/v1/proposals?minPosition='])('%s answers 400 for every position it never gave out', async (prefix) => {
    const answers: string[] = [];
    for (const position of POSITIONS) {
      const answer = await api().get(`${prefix}${encodeURIComponent(position)}`);
      if (answer.status !== 400) answers.push(`${answer.status} for ${JSON.stringify(position)}: ${answer.body.slice(0, 120)}`);
    }
    const header = await api().get('/v1/organisations', { headers: { 'x-ledger-min-position': '99999999999999999999:1' } });
    if (header.status !== 400) answers.push(`${header.status} for the header`);
    expect(answers).toEqual([]);
  });
});
