import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importScenarios } from '../apps/ledger-cli/src/scenarios/scenario-import.js';
import { ADMIN_KEY, describeOnEveryStore, type HttpAnswer } from './ledger-api.js';

/*
 * The website over HTTP, on a ledger holding the five seed papers: every page type answers HTML in
 * the site's design, on the same reads as the JSON API; unknown records are 404 pages and filters
 * that are not valid 400 pages; exempt detail is withheld from the public on every page, in the
 * CSV and in the feed; and every page carries the site's security headers.
 */

const SCENARIOS = join(process.cwd(), 'scenarios');
const WOKINGHAM_S75 = '/proposals/wokingham-enhanced-section-75-partnership';
const WIRRAL = '/proposals/wirral-integrated-commissioning';
const WIRRAL_DECISION = `${WIRRAL}/decisions/wirral-cabinet-2017-11-27-integrated-commissioning`;
/** Words of the Wirral proposal's exempt summary, which the public must not read. */
const WIRRAL_EXEMPT_WORDS = 'Creates a single integrated commissioner';

/** Visible text of a page, without its tags, with entities for quotes turned back. */
const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&').replace(/\s+/g, ' ');

describeOnEveryStore('the website', (api) => {
  let position: string;
  let scrutiny: string;
  const page = async (path: string, options: { key?: string | null; status?: number } = {}): Promise<{ answer: HttpAnswer; text: string }> => {
    const answer = await api().get(path, { key: options.key === undefined ? null : options.key });
    expect({ path, status: answer.status, type: answer.headers['content-type'] }).toEqual({ path, status: options.status ?? 200, type: 'text/html; charset=utf-8' });
    return { answer, text: textOf(answer.body) };
  };

  beforeAll(async () => {
    const files = (await readdir(SCENARIOS)).filter((file) => file.endsWith('.ndjson')).sort();
    const result = await importScenarios(files.map((file) => join(SCENARIOS, file)), { url: api().baseUrl, key: ADMIN_KEY });
    position = result.lastPosition!;
    expect((await api().get(`/v1/proposals?minPosition=${position}`)).status).toBe(200);
    scrutiny = await api().keyFor('scrutiny', 'wirral-scrutiny');
  });

  it('home: the organisations with their bodies, the latest decisions, and the ledger’s standing in the footer', async () => {
    const { text } = await page('/');
    expect(text).toContain('Wiltshire Council');
    expect(text).toContain('Wokingham Health and Wellbeing Board');
    expect(text).toContain('Latest decisions');
    expect(text).toMatch(/Recorded up to \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm); /);
    // Once a checkpoint is signed, the footer says how much of the log it seals (read at most once a second).
    const signed = (await api().request('POST', '/v1/ledger/checkpoints')).json();
    let footer = '';
    for (let attempt = 0; attempt < 30 && !footer.includes('sealed in checkpoint'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      footer = (await page('/')).text;
    }
    expect(footer).toContain(`sealed in checkpoint ${signed.treeSize.toLocaleString('en-GB')}, signed`);
  });

  it('organisation: a dissolved CCG says plainly who took over and what became of its delegations', async () => {
    const { text } = await page('/organisations/bsw-ccg');
    expect(text).toContain('was dissolved at the end of 30 June 2022.');
    expect(text).toContain('NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board took over on 1 July 2022, and the delegations made for it transferred to its successor.');
    expect(text).toContain('Transferred to NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board');
    expect(text).toContain('Clinical commissioning group (CCG)');
    expect((await page('/')).text).toContain('Clinical commissioning group (CCG). Dissolved at the end of 30 June 2022');
  });

  it('body: who sat on it at a date, with its history', async () => {
    const { text } = await page('/bodies/wokingham-integrated-partnership?at=2018-11-08');
    expect(text).toContain('Members on 8 November 2018');
    expect(text).toContain('Every membership');
    const today = await page('/bodies/wokingham-integrated-partnership?at=');
    expect(today.text).toContain('Members on');
  });

  it('a body’s decisions register: newest first, filtered by date, with a CSV and an Atom feed', async () => {
    const all = await page('/bodies/wokingham-hwb/decisions');
    expect(all.text).toContain('Decisions register');
    const cabinet = await page('/bodies/wirral-cabinet/decisions?from=2017-11-01&to=2017-11-30');
    expect(cabinet.text).toContain('27 November 2017');
    expect(cabinet.text).not.toContain('16 January 2017');
    const csv = await api().get('/bodies/wirral-cabinet/decisions.csv', { key: null });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n')[0]).toContain('proposalTitle');
    const feed = await api().get('/bodies/wirral-cabinet/decisions.atom', { key: null });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed.body).toContain('Integrated Commissioning for Wirral');
  });

  it('proposal register: filters as the API’s, and a clear message for one that is not valid', async () => {
    const open = await page('/proposals?status=open');
    expect(open.text).toContain('Enhanced Section 75 Partnership');
    const bad = await page('/proposals?status=pending', { status: 400 });
    expect(bad.text).toContain('There is a problem with the address');
    expect(bad.text).toContain('status');
  });

  it('proposal: the approval route step by step, the status in a sentence, the history in English', async () => {
    const { text } = await page(WOKINGHAM_S75);
    expect(text).toContain('Open: 7 of 9 steps decided; waiting for Wokingham Health and Wellbeing Board to endorse and Berkshire West 10 (BW10) Integration Board to endorse.');
    expect(text).toContain('NHS Wokingham Clinical Commissioning Group to approve');
    expect(text).toContain('Decided on 16 May 2017');
    expect(text).toContain('History');
  });

  it('decision: the statutory record, call-in, the authority relied on as a chain, and whether it still holds', async () => {
    const { text } = await page(`${WOKINGHAM_S75}/decisions/wbc-corporate-team-2017-05-09`);
    expect(text).toContain('Decided on 9 May 2017');
    expect(text).toContain('Wokingham Borough Council Executive delegated to Wokingham Borough Council Corporate Team');
    expect(text).toContain('Wokingham Borough Council Constitution');
    expect(text).toContain('On everything the ledger knows now, this authority still holds.');
    expect(text).toContain('npx ledger verify --url');
  });

  it('withholds exempt detail from the public on the decision, proposal, register, CSV and feed, and shows it to scrutiny', async () => {
    for (const path of [WIRRAL_DECISION, WIRRAL, '/bodies/wirral-cabinet/decisions']) {
      const { answer, text } = await page(path);
      expect({ path, exempt: text.includes('Exempt: Schedule 12A, paragraph 3') }).toEqual({ path, exempt: true });
      expect({ path, leaked: answer.body.includes(WIRRAL_EXEMPT_WORDS) || answer.body.includes('[exempt:') }).toEqual({ path, leaked: false });
    }
    for (const path of ['/bodies/wirral-cabinet/decisions.csv', '/bodies/wirral-cabinet/decisions.atom']) {
      const answer = await api().get(path, { key: null });
      expect({ path, leaked: answer.body.includes('Cabinet, 27 November 2017') }).toEqual({ path, leaked: false });
    }
    const shown = await page(WIRRAL, { key: scrutiny });
    expect(shown.text).toContain(WIRRAL_EXEMPT_WORDS);
  });

  it('answers unknown records with a 404 page, and unknown paths outside the API as before', async () => {
    for (const path of ['/organisations/no-such-council', '/bodies/no-such-body', '/bodies/no-such-body/decisions', '/proposals/no-such-proposal', `${WOKINGHAM_S75}/decisions/no-such-decision`]) {
      const { text } = await page(path, { status: 404 });
      expect(text).toContain('Page not found');
    }
  });

  it('sends security headers with a Content-Security-Policy that allows no inline script, and keeps /docs working', async () => {
    const home = await api().get('/', { key: null });
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect(home.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const docs = await api().get('/docs', { key: null });
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    for (const asset of ['/assets/site.css', '/assets/site.js', '/assets/govuk-frontend.min.js']) expect({ asset, status: (await api().get(asset, { key: null })).status }).toEqual({ asset, status: 200 });
    expect((await api().get('/assets/index.scss', { key: null })).status).toBe(404);
  });
});
