import { join } from 'node:path';
import { importScenarios } from '../apps/ledger-cli/src/scenarios/scenario-import.js';
import { ADMIN_KEY, describeOnEveryStore, type HttpAnswer } from './ledger-api.js';

/*
 * Dates read the right day: every answer of the API gives its instants in the
 * Europe/London offset, so the Wokingham CCG Core Management Team's approval of 16 May 2017 (BST)
 * reads `2017-05-16T00:00:00+01:00`, never `2017-05-15T23:00:00.000Z`, and the Health and
 * Wellbeing Board's endorsement of 8 February 2018 (GMT) reads `2018-02-08T00:00:00+00:00` —
 * in JSON and in CSV alike. Only the raw log serves events as stored (and hashed).
 *
 * On the seed papers 000 (Wokingham's Enhanced Section 75 Partnership) and 002 (Wirral, with its
 * call-in deadlines given at 17:00 with an offset), and:
 * - the HWB endorsing the proposal at its meeting of 8 February 2018;
 * - the lead member's delegation revoked, recorded later but backdated to 1 December 2017, so that
 *   his approval of 6 December 2017 has lapsed;
 * - the Partner Leadership Team deciding under the delegations it received from 1 April 2018.
 */

const WOKINGHAM_S75 = 'wokingham-enhanced-section-75-partnership';
const CCG_CMT = 'wokingham-ccg-cmt';
const HWB = 'wokingham-hwb';
const PLT = 'wokingham-partner-leadership-team';
const WBC = 'wokingham-borough-council';
const LEAD_MEMBER_DELEGATION = 'wokingham-executive-to-lead-member-adult-services';

/** A UTC instant anywhere in a text (JSON or CSV): what no answer may hold. */
const UTC_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/;
/** An instant as the API answers it: London wall-clock time and its offset (GMT or BST). */
const LONDON_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+0[01]:00$/;
/** A string that is an instant at all (dates alone are left as they are). */
const ANY_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** Every string of a JSON answer that is an instant. */
function instantsIn(value: unknown): string[] {
  if (typeof value === 'string') return ANY_INSTANT.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(instantsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(instantsIn);
  return [];
}

/** The answer holds instants, every one in the London offset, and no UTC instant anywhere. */
function expectLondonInstants(answer: HttpAnswer): string[] {
  expect(answer.body).not.toMatch(UTC_INSTANT);
  const instants = answer.headers['content-type']?.startsWith('text/csv')
    ? [...answer.body.matchAll(/\d{4}-\d{2}-\d{2}T[^,"\r\n]*/g)].map(([instant]) => instant.replace(/\\$/, ''))
    : instantsIn(answer.json());
  expect(instants.length).toBeGreaterThan(0);
  expect(instants.filter((instant) => !LONDON_INSTANT.test(instant))).toEqual([]);
  return instants;
}

type Reader = 'public' | 'auditor';

/** Every read endpoint, with whether it is a list (and so answers CSV too), on the data below. */
const READS: [path: string, list: boolean, reader: Reader][] = [
  ['/v1/organisations', true, 'public'],
  ['/v1/organisations/nhs-wokingham-ccg', false, 'public'],
  ['/v1/bodies', true, 'public'],
  ['/v1/bodies/wokingham-wisp', false, 'public'],
  ['/v1/bodies/wokingham-wisp?at=2017-12-20', false, 'public'],
  [`/v1/bodies/${CCG_CMT}/decisions`, true, 'public'],
  [`/v1/bodies/${HWB}/decisions`, true, 'public'],
  ['/v1/posts/wokingham-director-of-people-services', false, 'public'],
  ['/v1/posts/wokingham-director-of-people-services?at=2018-02-08', false, 'public'],
  ['/v1/delegations', true, 'public'],
  ['/v1/delegations?at=2017-12-06', true, 'public'],
  [`/v1/delegations/${LEAD_MEMBER_DELEGATION}`, false, 'public'],
  ['/v1/proposals', true, 'public'],
  [`/v1/proposals?from=2017-05-01&to=2018-04-30`, true, 'public'],
  [`/v1/proposals/${WOKINGHAM_S75}`, false, 'public'],
  ['/v1/proposals/wirral-integrated-commissioning', false, 'auditor'],
  [`/v1/proposals/${WOKINGHAM_S75}/history`, true, 'public'],
  ['/v1/ratifications', true, 'public'],
  ['/v1/ratifications?authority=lapsed', true, 'public'],
  [`/v1/authority/check?holderId=${CCG_CMT}&organisationId=nhs-wokingham-ccg&scopes=bcf&at=2017-05-16`, false, 'public'],
  [`/v1/authority?holderId=${PLT}&at=2018-04-03`, false, 'public'],
  ['/v1/audit', true, 'auditor'],
  ['/v1/ledger/checkpoint', false, 'public'],
];

describeOnEveryStore('instants answered in London time', (api) => {
  let auditor: string;
  let clerk: string;
  let position: string;
  let recorded: HttpAnswer;
  let refused: HttpAnswer;

  const read = (path: string, reader: Reader = 'public', headers: Record<string, string> = {}) =>
    api().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, { key: reader === 'auditor' ? auditor : null, headers });
  const readJson = async (path: string, reader: Reader = 'public') => {
    const answer = await read(path, reader);
    expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    return answer.json();
  };
  const command = async (path: string, body: unknown, idempotencyKey?: string) => {
    const answer = await api().post(path, body, { key: clerk, idempotencyKey });
    if (answer.status === 201) position = answer.json().position;
    return answer;
  };

  beforeAll(async () => {
    const scenarios = ['000_wokingham_enhanced_section_75.ndjson', '002_wirral_integrated_commissioning.ndjson'].map((file) => join(process.cwd(), 'scenarios', file));
    position = (await importScenarios(scenarios, { url: api().baseUrl, key: ADMIN_KEY })).lastPosition!;
    auditor = await api().keyFor('auditor', 'grant-thornton');
    clerk = await api().keyFor('clerk', 'wokingham-democratic-services');

    const given: [string, unknown][] = [
      [
        `/v1/proposals/${WOKINGHAM_S75}/ratifications`,
        { ratificationId: 'wokingham-hwb-2018-02-08', version: 1, deciderId: HWB, outcome: 'approved', decidedOn: '2018-02-08', reasons: 'Endorsed the Enhanced Section 75 Partnership.' },
      ],
      [`/v1/delegations/${LEAD_MEMBER_DELEGATION}/revocation`, { effectiveFrom: '2017-12-01', reason: 'Executive decisions on adult services reserved to the Executive (recorded late).' }],
      [
        '/v1/proposals',
        {
          id: 'wokingham-bcf-reablement-2018',
          title: 'Better Care Fund: reablement capacity 2018/19',
          scopes: ['bcf'],
          valuePence: 12_000_000,
          keyDecision: false,
          proposedById: PLT,
          route: [{ organisationId: WBC, bodyId: PLT, requirement: 'approve' }],
          tabledOn: '2018-04-03',
        },
      ],
      [
        '/v1/proposals',
        {
          id: 'wokingham-bcf-care-homes-2018',
          title: 'Better Care Fund: care home placements 2018/19',
          scopes: ['bcf'],
          valuePence: 90_000_000,
          keyDecision: true,
          proposedById: PLT,
          route: [{ organisationId: WBC, bodyId: PLT, requirement: 'approve' }],
          tabledOn: '2018-04-03',
        },
      ],
    ];
    for (const [path, body] of given) {
      const answer = await command(path, body);
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.body}`);
    }
    const decision = { ratificationId: 'wokingham-plt-2018-04-05', version: 1, deciderId: PLT, outcome: 'approved', decidedOn: '2018-04-05' };
    recorded = await command('/v1/proposals/wokingham-bcf-reablement-2018/ratifications', decision, 'plt-reablement-2018-04-05');
    refused = await command('/v1/proposals/wokingham-bcf-care-homes-2018/ratifications', { ...decision, ratificationId: 'wokingham-plt-care-homes' });
    expect([recorded.status, refused.status]).toEqual([201, 422]);

    const sealed = await api().post('/v1/ledger/checkpoints', {}, { key: auditor });
    expect(sealed.status).toBe(201);
  });

  describe.each(READS)('GET %s', (path, list, reader) => {
    it('answers every instant in the London offset (JSON), and says the answer is JSON', async () => {
      const answer = await read(path, reader);
      expect({ path, status: answer.status, type: answer.headers['content-type'] }).toEqual({ path, status: 200, type: 'application/json; charset=utf-8' });
      expectLondonInstants(answer);
    });

    if (list) {
      it('answers every instant in the London offset (CSV)', async () => {
        const answer = await read(path, reader, { accept: 'text/csv' });
        expect({ path, status: answer.status, type: answer.headers['content-type'] }).toEqual({ path, status: 200, type: 'text/csv; charset=utf-8' });
        expectLondonInstants(answer);
      });
    }
  });

  describe('reads the right day', () => {
    it('a decision of 16 May 2017 (BST) and one of 8 February 2018 (GMT), in the bodies’ decisions registers', async () => {
      expect((await readJson(`/v1/bodies/${CCG_CMT}/decisions`)).items.map((item: { decidedOn: string }) => item.decidedOn)).toEqual(['2017-05-16T00:00:00+01:00']);
      expect((await readJson(`/v1/bodies/${HWB}/decisions`)).items.map((item: { decidedOn: string }) => item.decidedOn)).toEqual(['2018-02-08T00:00:00+00:00']);
    });

    it('the same in CSV', async () => {
      const summer = (await read(`/v1/bodies/${CCG_CMT}/decisions`, 'public', { accept: 'text/csv' })).body;
      const winter = (await read(`/v1/bodies/${HWB}/decisions`, 'public', { accept: 'text/csv' })).body;
      expect(csvColumn(summer, 'decidedOn')).toEqual(['2017-05-16T00:00:00+01:00']);
      expect(csvColumn(winter, 'decidedOn')).toEqual(['2018-02-08T00:00:00+00:00']);
    });

    it('on the proposal’s route, in the ratifications register and in the proposal’s history', async () => {
      const proposal = await readJson(`/v1/proposals/${WOKINGHAM_S75}`);
      const decidedOn = (bodyId: string) => proposal.route.find((step: { bodyId: string }) => step.bodyId === bodyId).decision.decidedOn;
      expect([decidedOn(CCG_CMT), decidedOn(HWB)]).toEqual(['2017-05-16T00:00:00+01:00', '2018-02-08T00:00:00+00:00']);
      expect(proposal.tabledOn ?? proposal.versions?.[0]?.madeOn).toBe('2017-05-02T00:00:00+01:00');

      const register = await readJson(`/v1/ratifications?deciderId=${CCG_CMT}`);
      expect(register.items.map((item: { decidedOn: string }) => item.decidedOn)).toEqual(['2017-05-16T00:00:00+01:00']);

      const history = await readJson(`/v1/proposals/${WOKINGHAM_S75}/history`);
      const recordedDecisions = history.items.filter((item: { type: string }) => item.type === 'RatificationRecorded').map((item: { data: { decidedOn: string } }) => item.data.decidedOn);
      expect(recordedDecisions).toEqual(expect.arrayContaining(['2017-05-16T00:00:00+01:00', '2018-02-08T00:00:00+00:00']));
    });

    it('keeps an instant given with an offset as the same London time: Wirral’s call-in deadlines at 17:00', async () => {
      const callInUntil = async (proposalId: string) => (await readJson(`/v1/proposals/${proposalId}`, 'auditor')).route.find((step: { decision: unknown }) => step.decision).decision.callInUntil;
      expect(await callInUntil('wirral-commissioning-due-diligence')).toBe('2017-04-03T17:00:00+01:00'); // given as 2017-04-03T17:00:00+01:00
      expect(await callInUntil('wirral-single-commissioner-development')).toBe('2017-01-23T17:00:00+00:00'); // given as 2017-01-23T17:00:00Z
    });

    it('a lapsed decision of 6 December 2017 under a delegation revoked from 1 December 2017', async () => {
      const lapsed = await readJson('/v1/ratifications?authority=lapsed');
      expect(lapsed.items.map((item: { id: string; decidedOn: string }) => [item.id, item.decidedOn])).toEqual([['wbc-lead-member-2017-12-06', '2017-12-06T00:00:00+00:00']]);
      const delegation = await readJson(`/v1/delegations/${LEAD_MEMBER_DELEGATION}`);
      expect(delegation.effectiveFrom).toBe('2017-05-25T00:00:00+01:00');
      expect(JSON.stringify(delegation)).toContain('"effectiveFrom":"2017-12-01T00:00:00+00:00"'); // the revocation
    });

    it('organisations, bodies’ members and posts’ holders', async () => {
      expect((await readJson('/v1/organisations/nhs-wokingham-ccg')).establishedOn).toBe('2013-04-01T00:00:00+01:00');
      const wisp = await readJson('/v1/bodies/wokingham-wisp?at=2017-12-20');
      expect(wisp.establishedOn).toBe('2014-04-01T00:00:00+01:00');
      expect(JSON.stringify(wisp)).toContain('"startDate":"2014-04-01T00:00:00+01:00"');
      const director = await readJson('/v1/posts/wokingham-director-of-people-services');
      expect(director.holders.map((holding: { startDate: string }) => holding.startDate)).toEqual(['2018-02-08T00:00:00+00:00']);
    });

    it('authority: its chains, and the instant it was asked about', async () => {
      const check = await readJson(`/v1/authority/check?holderId=${CCG_CMT}&organisationId=nhs-wokingham-ccg&scopes=bcf&at=2017-05-16`);
      expect(check.allowed).toBe(true);
      expect(check.chains.map((chain: { effectiveFrom: string }[]) => chain.map((link) => link.effectiveFrom))).toEqual([['2013-04-01T00:00:00+01:00']]);
      const held = await readJson(`/v1/authority?holderId=${PLT}&at=2018-04-03`);
      expect(held.at).toBe('2018-04-03T00:00:00+01:00');
      expect(JSON.stringify(held)).toContain('"effectiveFrom":"2018-04-01T00:00:00+01:00"');
    });

    it('the audit trail: when each decision was recorded, and the day it was taken', async () => {
      const trail = await readJson(`/v1/audit?streamId=proposal-${WOKINGHAM_S75}&type=RatificationRecorded`, 'auditor');
      const row = trail.items.find((item: { summary: string }) => item.summary.startsWith(`${CCG_CMT} approved`));
      expect(row.summary).toBe(`${CCG_CMT} approved version 1 of ${WOKINGHAM_S75} on 16 May 2017`);
      expect(row.recordedAt).toMatch(LONDON_INSTANT);
      expect(Date.parse(row.recordedAt)).not.toBeNaN();
    });
  });

  describe('command answers and refusals', () => {
    it('a ratification answers the chain that granted authority from 1 April 2018 (BST)', () => {
      expect(recorded.body).not.toMatch(UTC_INSTANT);
      expect(recorded.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(recorded.json().authority.chains.map((chain: { effectiveFrom: string }[]) => chain.map((link) => link.effectiveFrom))).toEqual([['2018-04-01T00:00:00+01:00']]);
    });

    it('a retried ratification answers the same', async () => {
      const decision = { ratificationId: 'wokingham-plt-2018-04-05', version: 1, deciderId: PLT, outcome: 'approved', decidedOn: '2018-04-05' };
      const again = await api().post('/v1/proposals/wokingham-bcf-reablement-2018/ratifications', decision, { key: clerk, idempotencyKey: 'plt-reablement-2018-04-05' });
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.json()).toEqual(recorded.json());
    });

    it('a refusal for want of authority explains it without a UTC instant', () => {
      expect(refused.json()).toMatchObject({ code: 'no_authority', authority: { allowed: false } });
      expect(refused.body).not.toMatch(UTC_INSTANT);
    });
  });

  describe('what is answered in London time can be asked again', () => {
    it('an instant read back, passed as `at`, asks about the same moment', async () => {
      const [decision] = (await readJson(`/v1/bodies/${CCG_CMT}/decisions`)).items;
      expect(decision.decidedOn).toBe('2017-05-16T00:00:00+01:00');
      const at = encodeURIComponent(decision.decidedOn);
      const question = `/v1/authority/check?holderId=${CCG_CMT}&organisationId=nhs-wokingham-ccg&scopes=bcf`;
      expect(await readJson(`${question}&at=${at}`)).toEqual(await readJson(`${question}&at=2017-05-16`));
      expect(await readJson(`/v1/bodies/wokingham-wisp?at=${at}`)).toEqual(await readJson('/v1/bodies/wokingham-wisp?at=2017-05-16'));
    });

    it('as a register’s bounds, inclusive', async () => {
      const day = encodeURIComponent('2017-05-16T00:00:00+01:00');
      const register = await readJson(`/v1/ratifications?from=${day}&to=${day}`);
      expect(register.items.map((item: { id: string }) => item.id)).toEqual(['wokingham-ccg-cmt-2017-05-16']);
    });

    it('also with the offset’s + left unencoded in the query', async () => {
      const question = `/v1/authority/check?holderId=${CCG_CMT}&organisationId=nhs-wokingham-ccg&scopes=bcf`;
      expect(await readJson(`${question}&at=2017-05-16T00:00:00+01:00`)).toEqual(await readJson(`${question}&at=2017-05-16`));
    });
  });

  describe('the OpenAPI document says how instants are answered', () => {
    it('in its description, and on every operation: London time, but the raw log and the export as stored', async () => {
      const document = (await api().get('/docs-json')).json();
      expect(document.info.description).toContain('2017-05-16T00:00:00+01:00');
      expect(document.info.description).toContain('Europe/London');
      const marks = Object.fromEntries(
        Object.entries(document.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([path, operations]) =>
          Object.entries(operations).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation['x-ledger-instants']]),
        ),
      );
      expect(Object.entries(marks).filter(([, mark]) => mark === 'as-stored').map(([operation]) => operation).sort()).toEqual(['GET /v1/events', 'GET /v1/ledger/export']);
      expect(Object.entries(marks).filter(([, mark]) => mark !== 'as-stored' && mark !== 'europe-london')).toEqual([]);
      expect(document.paths['/v1/ratifications'].get.responses['200'].description).toContain('Europe/London offset');
    });
  });

  describe('the raw log keeps the events as stored and hashed', () => {
    it('GET /v1/events answers the instants in the stored UTC form', async () => {
      const events = await read(`/v1/events?limit=500`, 'auditor');
      expect(events.status).toBe(200);
      expect(events.body).toContain('"decidedOn":"2017-05-15T23:00:00.000Z"');
      expect(events.body).not.toContain('2017-05-16T00:00:00+01:00');
    });

    it('and so does its NDJSON', async () => {
      const events = await read('/v1/events', 'auditor', { accept: 'application/x-ndjson' });
      expect(events.status).toBe(200);
      expect(events.body).toContain('"decidedOn":"2018-02-08T00:00:00.000Z"');
    });
  });
});

/** The values of one column of a CSV answer (RFC 4180: quoted fields, doubled quotes, CRLF). */
function csvColumn(csv: string, column: string): string[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const char = csv[i];
    if (quoted && char === '"' && csv[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && char === '\r' && csv[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i += 1;
    } else {
      field += char;
    }
  }
  const [header, ...rows] = records;
  const index = header.indexOf(column);
  expect(index).toBeGreaterThanOrEqual(0);
  return rows.map((row) => row[index]);
}
