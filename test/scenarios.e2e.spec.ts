import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importScenarios } from '../apps/ledger-cli/src/scenarios/scenario-import.js';
import { ADMIN_KEY, describeOnEveryStore } from './ledger-api.js';

/**
 * The five seed papers, replayed from `scenarios/` into one fresh ledger, checked against what the
 * papers say through the REST reads — as an anonymous member of the public, or as an auditor.
 */

const SCENARIOS = join(process.cwd(), 'scenarios');
const EXEMPT = '[exempt: Schedule 12A paragraph 3]';

/** The London date of an instant, as the papers write dates. */
const londonDate = (instant: string) => new Date(instant).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

interface StepView {
  organisationId: string | null;
  bodyId: string | null;
  requirement: string;
  decision: { id: string; outcome: string; decidedOn: string; callInUntil: string | null } | null;
}

describeOnEveryStore('the seed papers, replayed', (api) => {
  let auditor: string;
  let position: string;
  const read = async (path: string, key: string | null = null) => {
    const answer = await api().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, { key });
    expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    return answer.json();
  };

  beforeAll(async () => {
    const files = (await readdir(SCENARIOS)).filter((file) => file.endsWith('.ndjson')).sort();
    expect(files.map((file) => file.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    const result = await importScenarios(files.map((file) => join(SCENARIOS, file)), { url: api().baseUrl, key: ADMIN_KEY });
    position = result.lastPosition!;
    auditor = await api().keyFor('auditor', 'grant-thornton');
  });

  describe('000 Wokingham’s Enhanced Section 75 Partnership (HWB, 8 February 2018)', () => {
    it('records every decision of the approval table with its date and outcome, and leaves the route open', async () => {
      const proposal = await read('/v1/proposals/wokingham-enhanced-section-75-partnership');
      expect(proposal.status).toBe('open');
      const decided = Object.fromEntries(
        (proposal.route as StepView[]).map((step) => [step.bodyId ?? step.organisationId, step.decision && [step.requirement, step.decision.outcome, londonDate(step.decision.decidedOn)]]),
      );
      expect(decided).toEqual({
        'wokingham-corporate-team': ['approve', 'approved', '2017-05-09'],
        'wokingham-ccg-cmt': ['approve', 'approved', '2017-05-16'],
        'berkshire-west-acs-leadership': ['endorse', 'approved', '2017-05-25'],
        'bhft-executive': ['approve', 'approved', '2017-09-18'],
        'wokingham-gp-alliance-board': ['approve', 'approved', '2017-09-29'], // "September 2017": for its primary-care share
        'wokingham-lead-member-adult-services': ['approve', 'approved', '2017-12-06'],
        'wokingham-wisp': ['note', 'noted', '2017-12-20'], // "For Information"
        'wokingham-hwb': null, // before the Board on 8 February 2018
        'bw10-integration-board': null, // "TBC March 2018"
      });
    });

    it('lets the Partner Leadership Team decide for the CCG from April 2018, not before', async () => {
      const question = '/v1/authority/check?holderId=wokingham-partner-leadership-team&organisationId=nhs-wokingham-ccg&scopes=bcf';
      expect((await read(`${question}&at=2018-04-02`)).allowed).toBe(true);
      expect((await read(`${question}&at=2018-02-08`)).allowed).toBe(false);
    });
  });

  describe('001 Wiltshire: the ICS and the Alliance (Cabinet, 14 December 2021)', () => {
    it('has the Cabinet’s approval of 14 December 2021', async () => {
      const proposal = await read('/v1/proposals/wiltshire-ics-and-alliance-development-2021');
      expect(proposal.status).toBe('ratified');
      const cabinet = (proposal.route as StepView[]).find((step) => step.bodyId === 'wiltshire-cabinet')!;
      expect([cabinet.decision!.outcome, londonDate(cabinet.decision!.decidedOn)]).toEqual(['approved', '2021-12-14']);
    });

    it('dissolves BSW CCG at the end of 30 June 2022, with BSW ICB as its successor', async () => {
      const ccg = await read('/v1/organisations/bsw-ccg');
      expect(ccg.dissolution).toMatchObject({ successorId: 'bsw-icb' });
      expect(londonDate(ccg.dissolution.dissolvedOn)).toBe('2022-07-01'); // gone from 00:00 on 1 July
    });

    it('gives the Alliance Joint Committee the ICB’s authority over the Better Care Fund from 1 July 2022, and not before', async () => {
      const question = '/v1/authority/check?holderId=wiltshire-alliance-joint-committee&organisationId=bsw-icb&scopes=bcf';
      const august = await read(`${question}&at=2022-08-01`);
      expect(august.allowed).toBe(true);
      expect(august.chains[0][0]).toMatchObject({ fromId: 'bsw-icb-board', toId: 'wiltshire-alliance-joint-committee', organisationId: 'bsw-icb' });
      const march = await read(`${question}&at=2022-03-01`);
      expect(march).toMatchObject({ allowed: false, chains: [] });
      expect(march.reasons.join(' ')).toMatch(/not established until 2022-07-01/);
      const before = await read('/v1/authority?holderId=wiltshire-alliance-joint-committee&at=2022-03-01');
      expect(before.organisations).toEqual([]);
    });
  });

  describe('002 Wirral: Integrated Commissioning (Cabinet, 27 November 2017)', () => {
    it('records the committee in common’s two sides separately: the council’s decision with its call-in window, the CCG’s still to come', async () => {
      const proposal = await read('/v1/proposals/wirral-integrated-commissioning', auditor);
      expect(proposal).toMatchObject({ status: 'open', valuePence: 59_290_000_000, exempt: { paragraph: 3 } });
      const sides = (proposal.route as StepView[]).map((step) => [step.organisationId, step.bodyId, step.requirement, step.decision?.outcome ?? null]);
      expect(sides).toEqual([
        ['wirral-council', 'wirral-cabinet', 'approve', 'approved'],
        ['nhs-wirral-ccg', 'wirral-ccg-governing-body', 'approve', null],
      ]);
      // Each side decides its own share of the £592.9m pooled fund: the council's £73.9m with public health's £25.6m, the CCG's £493.4m.
      expect((proposal.route as { valuePence: number | null }[]).map((step) => step.valuePence)).toEqual([9_950_000_000, 49_340_000_000]);
      const council = (proposal.route as StepView[])[0].decision!;
      expect(londonDate(council.decidedOn)).toBe('2017-11-27');
      expect(council.callInUntil! > council.decidedOn).toBe(true);
      expect((await read('/v1/ratifications?organisationId=nhs-wirral-ccg')).items).toEqual([]);
    });

    it('shows the public the decision with the due-diligence appendix (Schedule 12A paragraph 3) redacted', async () => {
      const anonymous = await read('/v1/proposals/wirral-integrated-commissioning');
      expect(anonymous).toMatchObject({ id: 'wirral-integrated-commissioning', status: 'open', summary: EXEMPT, exempt: { paragraph: 3, reason: EXEMPT } });
      expect(anonymous.route[0].decision).toMatchObject({ outcome: 'approved' });
      const auditorView = await read('/v1/proposals/wirral-integrated-commissioning', auditor);
      expect(auditorView.summary).not.toBe(EXEMPT);
      expect(auditorView.exempt.reason).not.toBe(EXEMPT);
    });
  });

  describe('003 Wokingham’s Integration Position Statement 2018–2021', () => {
    it('has the Plan to 2020 agreed in June 2018 and the Board’s approval of the statement', async () => {
      const plan = await read('/v1/proposals/wokingham-integration-plan-to-2020');
      expect(plan.status).toBe('ratified');
      expect(londonDate(plan.route[0].decision.decidedOn).slice(0, 7)).toBe('2018-06');
      const statement = await read('/v1/proposals/wokingham-integration-position-statement-2018-2021');
      expect(statement.status).toBe('ratified');
      expect(statement.route[0]).toMatchObject({ organisationId: 'wokingham-borough-council', bodyId: 'wokingham-hwb', requirement: 'approve', decision: { outcome: 'approved' } });
    });

    it('knows who sat on the Integrated Partnership, voting or not', async () => {
      const partnership = await read('/v1/bodies/wokingham-integrated-partnership?at=2018-11-08');
      const roles = (partnership.members as { role: string }[]).map((member) => member.role);
      expect(roles.filter((role) => role === 'non-voting member')).toHaveLength(3);
      expect(roles.filter((role) => role === 'member').length).toBeGreaterThanOrEqual(4);
    });
  });

  describe('004 Berkshire West 10 (HWB, 28 November 2013)', () => {
    const ITF = 'bw-itf-plan';

    it('brings the ten organisations together on the integration board', async () => {
      const board = await read('/v1/bodies/bw10-integration-board?at=2013-11-28');
      const members = new Set((board.members as { memberOrganisationId: string | null }[]).map((member) => member.memberOrganisationId));
      expect(members.size).toBe(10);
    });

    it('needs every sign-off — the three Boards, the three councils and the four CCGs — before the ITF plan is ratified', async () => {
      const plan = await read(`/v1/proposals/${ITF}`);
      expect(plan.status).toBe('open');
      const steps = plan.route as StepView[];
      expect(steps.map((step) => step.requirement).sort()).toEqual([...Array(7).fill('approve'), ...Array(3).fill('endorse')]);
      expect(steps.every((step) => step.decision === null)).toBe(true); // the paper reports none taken yet

      // Signed off one by one (not in the paper: this is the rule, exercised): open until the last.
      const governingBodies: Record<string, string> = {
        'west-berkshire-council': 'west-berkshire-executive',
        'reading-borough-council': 'reading-full-council',
        'wokingham-borough-council': 'wokingham-executive',
        'nhs-newbury-and-district-ccg': 'newbury-ccg-governing-body',
        'nhs-north-and-west-reading-ccg': 'nw-reading-ccg-governing-body',
        'nhs-south-reading-ccg': 'south-reading-ccg-governing-body',
        'nhs-wokingham-ccg': 'wokingham-ccg-governing-body',
      };
      for (const [index, step] of steps.entries()) {
        const deciderId = step.bodyId ?? governingBodies[step.organisationId!];
        const answer = await api().post(`/v1/proposals/${ITF}/ratifications`, { ratificationId: `itf-sign-off-${index}`, deciderId, version: 1, outcome: 'approved', decidedOn: '2014-02-13' });
        expect({ deciderId, status: answer.status }).toEqual({ deciderId, status: 201 });
        expect(answer.json().proposalStatus).toBe(index === steps.length - 1 ? 'ratified' : 'open');
      }
    });
  });

  it('judges every decision the commands accepted under authority as holding: commands and reads read authority one way', async () => {
    const decisions: { id: string; authority: unknown; authorityNow: { holds: boolean; reasons: string[] } | null }[] = [];
    for (let cursor: string | null = null; ; ) {
      const page: { items: typeof decisions; nextCursor: string | null } = await read(`/v1/ratifications?limit=500${cursor ? `&cursor=${cursor}` : ''}`, auditor);
      decisions.push(...page.items);
      if ((cursor = page.nextCursor) === null) break;
    }
    const judged = decisions.filter((decision) => decision.authority !== null);
    expect(judged.length).toBeGreaterThanOrEqual(10);
    expect(judged.filter((decision) => !decision.authorityNow?.holds).map(({ id, authorityNow }) => ({ id, authorityNow }))).toEqual([]);
    expect(decisions.filter((decision) => decision.authority === null).every((decision) => decision.authorityNow === null)).toBe(true);
  });
});
