/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { importScenarios } from '../apps/ledger-cli/src/scenarios/scenario-import.js';
import { ADMIN_KEY, LedgerApi } from './ledger-api.js';

/*
 * The website in real Chromium (Debian's, driven by playwright-core; nothing downloads a browser),
 * on a ledger of the five seed papers: the journeys of a scrutiny member, the public, an auditor;
 * WCAG 2.2 AA as axe checks it on every page type; keyboard focus visible and in order; no console
 * errors; every page without JavaScript. Screenshots of each page type go to SCREENSHOTS.
 */

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(process.cwd(), 'test-results', 'site-screenshots');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WOKINGHAM_S75 = '/proposals/wokingham-enhanced-section-75-partnership';
const WIRRAL = '/proposals/wirral-integrated-commissioning';
const WIRRAL_DECISION = `${WIRRAL}/decisions/wirral-cabinet-2017-11-27-integrated-commissioning`;
const WIRRAL_EXEMPT_WORDS = 'Creates a single integrated commissioner';
const EXEMPT = 'Exempt: Schedule 12A, paragraph 3';

/** One page of each type, as a reader reaches it. */
const PAGE_TYPES: [name: string, path: string][] = [
  ['home', '/'],
  ['search', '/search?q=wokingham'],
  ['organisation', '/organisations/bsw-ccg'],
  ['scheme', '/organisations/wiltshire-council/delegations?at=2022-08-01'],
  ['delegation', '/organisations/bsw-icb/delegations/bsw-icb-to-wajc-bcf'],
  ['body', '/bodies/wiltshire-alliance-joint-committee?at=2022-08-01'],
  ['body-decisions', '/bodies/wirral-cabinet/decisions'],
  ['proposals', '/proposals'],
  ['proposal', WOKINGHAM_S75],
  ['decision', `${WOKINGHAM_S75}/decisions/wbc-corporate-team-2017-05-09`],
  ['decisions', '/decisions?authority=lapsed'],
  ['authority', '/authority?holderId=wiltshire-alliance-joint-committee&organisationId=bsw-icb&scopes=bcf&amount=1%2C000%2C000&at=2022-08-01'],
  ['authority-errors', '/authority?holderId=&organisationId=&scopes=&amount=lots&at='],
  ['call-ins', '/call-ins'],
  ['audit', '/audit'],
  ['ledger', '/ledger'],
  ['help', '/help'],
  ['accessibility', '/accessibility'],
  ['sign-in', '/sign-in'],
  ['not-found', '/proposals/no-such-proposal'],
];

const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeInBrowser('the website in Chromium', () => {
  let api: LedgerApi;
  let browser: Browser;
  let base: string;
  let scrutinyKey: string;
  let auditorKey: string;
  /** Console errors and page errors, by page, across every test. */
  const consoleErrors: string[] = [];

  const newPage = async (context?: BrowserContext): Promise<Page> => {
    const page = await (context ?? (await browser.newContext())).newPage();
    page.on('console', (message) => {
      // A page answered 404 or 400 on purpose (an unknown record, a form with errors) logs its own status; nothing else may fail.
      const ownStatus = message.text().startsWith('Failed to load resource') && message.location().url === page.url();
      if (message.type() === 'error' && !ownStatus) consoleErrors.push(`${page.url()}: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };

  const signIn = async (page: Page, key: string): Promise<void> => {
    await page.goto(`${base}/sign-in`);
    await page.fill('#key', key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  };

  beforeAll(async () => {
    api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://' });
    base = api.baseUrl;
    const files = (await readdir(join(process.cwd(), 'scenarios'))).filter((file) => file.endsWith('.ndjson')).sort();
    const { lastPosition } = await importScenarios(files.map((file) => join(process.cwd(), 'scenarios', file)), { url: base, key: ADMIN_KEY });
    await api.get(`/v1/proposals?minPosition=${lastPosition}`);
    await api.request('POST', '/v1/ledger/checkpoints');
    scrutinyKey = await api.keyFor('scrutiny', 'wirral-scrutiny');
    auditorKey = await api.keyFor('auditor', 'grant-thornton');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('a scrutiny member goes from the home page to the Wiltshire Alliance Joint Committee, its authority chain and the ICB’s delegation', async () => {
    const page = await newPage();
    await page.goto(base);
    await page.getByRole('link', { name: 'Wiltshire Alliance Joint Committee' }).first().click();
    await page.locator('h1', { hasText: 'Wiltshire Alliance Joint Committee' }).waitFor();
    await page.fill('#at', '2022-08-01');
    await page.getByRole('button', { name: 'Show members' }).click();
    await page.locator('caption', { hasText: 'Members on 1 August 2022' }).or(page.getByText('Nobody sat on it on that date')).first().waitFor();
    await page.getByText('bcf, up to £45,000,000').click();
    await page.getByRole('link', { name: 'bsw-icb-to-wajc-bcf' }).click();
    await page.locator('h1', { hasText: 'BSW Integrated Care Board (Board) to Wiltshire Alliance Joint Committee' }).waitFor();
    expect(await page.textContent('main')).toContain('Granted');
  });

  it('a scrutiny member follows a decision to its authority chain and delegation, and sees the Wokingham route with its two open steps', async () => {
    const page = await newPage();
    await page.goto(`${base}${WOKINGHAM_S75}`);
    expect(await page.textContent('[data-status-sentence]')).toContain('Open: 7 of 9 steps decided; waiting for Wokingham Health and Wellbeing Board to endorse and Berkshire West 10 (BW10) Integration Board to endorse.');
    expect(await page.locator('.ledger-route__step .govuk-tag', { hasText: 'Waiting' }).count()).toBe(2);
    await page.getByRole('link', { name: 'Decided on 9 May 2017' }).click();
    await page.locator('#authority').waitFor();
    await page.getByRole('link', { name: 'wokingham-executive-to-corporate-team' }).click();
    await page.locator('h1', { hasText: 'Wokingham Borough Council Executive to Wokingham Borough Council Corporate Team' }).waitFor();
  });

  it('the public reads Wirral’s exempt decision redacted everywhere; signed in as scrutiny, the detail is shown', async () => {
    const page = await newPage();
    for (const path of [WIRRAL_DECISION, WIRRAL, '/bodies/wirral-cabinet/decisions']) {
      await page.goto(`${base}${path}`);
      const text = (await page.textContent('main')) ?? '';
      expect({ path, exempt: text.includes(EXEMPT), leaked: text.includes(WIRRAL_EXEMPT_WORDS) }).toEqual({ path, exempt: true, leaked: false });
    }
    for (const path of ['/bodies/wirral-cabinet/decisions.csv', '/bodies/wirral-cabinet/decisions.atom']) {
      const body = await (await page.request.get(`${base}${path}`)).text();
      expect({ path, leaked: body.includes("Cabinet, 27 November 2017, item") }).toEqual({ path, leaked: false });
    }
    const scrutiny = await newPage();
    await signIn(scrutiny, scrutinyKey);
    await scrutiny.goto(`${base}${WIRRAL}`);
    expect(await scrutiny.textContent('main')).toContain(WIRRAL_EXEMPT_WORDS);
    expect(await scrutiny.textContent('.govuk-service-navigation')).toContain('Signed in as wirral-scrutiny (scrutiny)');
    await scrutiny.getByRole('button', { name: 'Sign out' }).click();
    await scrutiny.waitForURL(`${base}/`);
    await scrutiny.goto(`${base}${WIRRAL}`);
    expect(await scrutiny.textContent('main')).not.toContain(WIRRAL_EXEMPT_WORDS);
  });

  it('an auditor’s “Verify in this browser” says verified, and not verified when the proof or the checkpoint served is altered', async () => {
    const page = await newPage();
    await signIn(page, auditorKey);
    const decision = `${base}${WOKINGHAM_S75}/decisions/wbc-corporate-team-2017-05-09`;
    const verify = async () => {
      await page.getByRole('button', { name: 'Verify in this browser' }).click();
      await page.waitForSelector('.ledger-verify__outcome');
      return (await page.textContent('[data-proof-result]')) ?? '';
    };
    await page.goto(decision);
    const verified = await verify();
    expect(verified).toContain('Verified: this decision is in the sealed log the checkpoint signs.');
    expect(verified).toContain('The checkpoint is signed by the key of decision-ledger you trust (Ed25519).');

    // The same page served with one hash of the audit path changed, then with the checkpoint's size changed.
    for (const alter of [(html: string) => html.replace(/(data-proof-path><li><code>)([0-9a-f])/, (_, start, digit) => `${start}${digit === '0' ? '1' : '0'}`), (html: string) => html.replace(/(data-proof-note>decision-ledger\n)(\d+)/, (_, start, size) => `${start}${Number(size) + 1}`)]) {
      await page.route(decision, async (route) => route.fulfill({ response: await route.fetch(), body: alter(await (await route.fetch()).text()) }));
      await page.goto(decision);
      expect(await verify()).toContain('Not verified: the proof or the checkpoint does not hold.');
      await page.unroute(decision);
    }
  });

  it('the authority form answers for 1 August 2022 and 1 March 2022', async () => {
    const page = await newPage();
    await page.goto(`${base}/authority`);
    await page.fill('#holderId', 'wiltshire-alliance-joint-committee');
    await page.selectOption('#organisationId', 'bsw-icb');
    await page.fill('#scopes', 'bcf');
    await page.fill('#amount', '1,000,000');
    await page.fill('#at', '2022-08-01');
    await page.getByRole('button', { name: 'Check authority' }).click();
    await page.locator('[data-authority-answer="allowed"]').waitFor();
    expect(await page.textContent('[data-authority-answer]')).toContain('Yes: Wiltshire Alliance Joint Committee could decide bcf up to £1,000,000');
    await page.fill('#at', '2022-03-01');
    await page.getByRole('button', { name: 'Check authority' }).click();
    await page.locator('[data-authority-answer="refused"]').waitFor();
    expect(await page.textContent('[data-authority-answer]')).toContain('No: Wiltshire Alliance Joint Committee could not decide bcf');
  });

  it('every page type meets WCAG 2.2 AA as axe checks it, and is saved as a screenshot', async () => {
    const page = await newPage();
    await signIn(page, auditorKey); // the decision page then shows its proof too
    const violations: string[] = [];
    for (const [name, path] of PAGE_TYPES) {
      await page.goto(`${base}${path}`);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      for (const violation of results.violations) violations.push(`${name}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    }
    console.log(`Screenshots of ${PAGE_TYPES.length} page types: ${SCREENSHOTS}`);
    expect(violations).toEqual([]);
  }, 180_000); // twenty pages, each checked by axe: a minute and more on a busy 2-core machine

  it('keyboard focus is visible and moves in the order of the page on the journeys', async () => {
    const page = await newPage();
    for (const path of ['/', WOKINGHAM_S75, `${WOKINGHAM_S75}/decisions/wbc-corporate-team-2017-05-09`, '/authority']) {
      await page.goto(`${base}${path}`);
      const stops: { order: number; visible: boolean; what: string }[] = [];
      for (let tab = 0; tab < 15; tab++) {
        await page.keyboard.press('Tab');
        stops.push(
          await page.evaluate(() => {
            const element = document.activeElement as HTMLElement;
            const style = getComputedStyle(element);
            const visible = style.outlineStyle !== 'none' || style.boxShadow !== 'none' || style.backgroundColor === 'rgb(255, 221, 0)';
            const all = Array.from(document.querySelectorAll('*'));
            return { order: all.indexOf(element), visible, what: `${element.tagName.toLowerCase()} ${element.textContent?.trim().slice(0, 40) ?? ''}` };
          }),
        );
      }
      expect({ path, first: stops[0].what }).toEqual({ path, first: 'a Skip to main content' });
      for (const stop of stops) expect({ path, stop: stop.what, visible: stop.visible }).toEqual({ path, stop: stop.what, visible: true });
      const orders = stops.map((stop) => stop.order);
      expect({ path, orders }).toEqual({ path, orders: [...orders].sort((a, b) => a - b) });
    }
  });

  it('every page works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await newPage(context);
    for (const [name, path] of PAGE_TYPES) {
      const answer = await page.goto(`${base}${path}`);
      expect({ name, status: answer?.status(), heading: (await page.locator('h1').count()) > 0 }).toEqual({ name, status: name === 'not-found' ? 404 : name === 'authority-errors' ? 400 : 200, heading: true });
    }
    await page.goto(`${base}/authority`);
    await page.fill('#holderId', 'wiltshire-alliance-joint-committee');
    await page.selectOption('#organisationId', 'bsw-icb');
    await page.fill('#scopes', 'bcf');
    await page.fill('#at', '2022-08-01');
    await page.getByRole('button', { name: 'Check authority' }).click();
    await page.locator('[data-authority-answer="allowed"]').waitFor();
    expect(await page.textContent('[data-authority-answer]')).toContain('Yes: Wiltshire Alliance Joint Committee could decide bcf');
    await page.goto(`${base}/sign-in`);
    await page.fill('#key', auditorKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${base}${WOKINGHAM_S75}/decisions/wbc-corporate-team-2017-05-09`);
    expect(await page.isHidden('[data-proof-verify]')).toBe(true);
    expect(await page.textContent('main')).toContain('npx ledger verify --url');
    await context.close();
  });

  it('no page logged a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
