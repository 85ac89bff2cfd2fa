/**
 * Shared by the web app's browser tests: the app with its browser for a describe block
 * (useBrowserApp), the web build (made when stale), Debian's Chromium driven by playwright-core,
 * axe-core's WCAG 2.1 A/AA check, and screenshots into test-output/web (git-ignored).
 * CHROMIUM_PATH names another browser; in CI a missing one fails the test.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { startTestApp, TestApp } from './test-app';
import { keepEvidenceOfFailure, recordForEvidence } from './web-failure-evidence';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const document: any;

/** A browser test's own time: each walk takes a minute or two on a quiet machine, and the 2-core test machine is shared. */
export const BROWSER_TEST_MS = 360_000;

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const haveBrowser = existsSync(CHROMIUM);
const root = join(__dirname, '..', '..');
export const SCREENSHOTS = join(root, 'test-output', 'web');
/** A failed browser test's screenshot, console and GraphQL exchanges (web-failure-evidence.ts). */
export const FAILURES = join(SCREENSHOTS, 'failures');
/** WEB_TEST_CPU_SLOWDOWN=6 runs the pages on a CPU six times slower (Chromium's throttling): timing races show up sooner. */
const CPU_SLOWDOWN = Number(process.env.WEB_TEST_CPU_SLOWDOWN ?? 1);

/** describe, or describe.skip outside CI on a machine without Chromium (said once). */
export function describeWithBrowser(what: string): jest.Describe {
  if (!haveBrowser && !process.env.CI) console.warn(`SKIPPED: ${what} needs Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
  return haveBrowser || process.env.CI ? describe : describe.skip;
}

/** Builds dist/web when its sources changed since the last build (a clean clone has none). */
export function buildWebApp(): void {
  execFileSync(process.execPath, [join(root, 'src', 'web', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
}

/** What a browser test uses: the real app listening on loopback, its origin, and a headless Chromium. */
export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  origin: string;
  /** Closes the browser, then the app. */
  close(): Promise<void>;
}

/** Builds the web app when stale, starts Torg with its demo data (env as startTestApp takes it) on a free loopback port, and launches Chromium. */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  buildWebApp(); // a clean clone has no dist/web yet
  const t = await startTestApp(env);
  try {
    await t.app.listen(0, '127.0.0.1');
    const origin = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await launchBrowser();
    return {
      t,
      browser,
      origin,
      async close() {
        await browser.close();
        await t.close();
      },
    };
  } catch (e) {
    await t.close();
    throw e;
  }
}

/**
 * In a describe block: starts the app and browser before its tests (handing them to `use`, which
 * keeps them in the block's variables) and closes both after them. After a failed test, the pages
 * it opened (offlineContext) leave their evidence in test-output/web/failures/, named in the
 * failure. `env` is read when the block starts, so it may name what an earlier beforeAll started
 * (a local OIDC provider).
 */
export function useBrowserApp(use: (app: BrowserApp) => void, env: () => Record<string, string> = () => ({})): void {
  let app: BrowserApp | undefined;
  beforeAll(async () => {
    app = await startBrowserApp(env());
    use(app);
  }, 600_000);
  afterEach(() => keepEvidenceOfFailure(FAILURES, root), 60_000);
  afterAll(async () => {
    await app?.close();
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!haveBrowser) throw new Error(`No Chromium at ${CHROMIUM}: CI needs one for the browser tests (.ci/run installs Debian's chromium; CHROMIUM_PATH names another).`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
}

/** A context that refuses every request to another origin (the app must need nothing from elsewhere), with its page errors collected (and recorded for a failure's evidence). */
export async function offlineContext(browser: Browser, origin: string): Promise<{ context: BrowserContext; page: Page; elsewhere: string[]; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  recordForEvidence(context);
  const page = await context.newPage();
  if (CPU_SLOWDOWN > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page, elsewhere, pageErrors };
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is: the violations, readable in a failed expect. */
export async function wcagViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The focused element's tag and accessible text, e.g. "H1 Handlekurv". */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName} ${(el.innerText || el.getAttribute('aria-label') || '').trim()}` : '';
  });
}

/** Waits for the screen's h1 with this text and returns it. */
export async function heading(page: Page, expected: string | RegExp): Promise<string> {
  const h1 = page.locator('main h1', { hasText: expected });
  await h1.waitFor({ timeout: 30_000 });
  return (await h1.innerText()).trim();
}

/** Waits until focus is on the screen's h1 (moved there after a route change), and returns what is focused. */
export async function focusOnHeading(page: Page): Promise<string> {
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 10_000 }).catch(() => {});
  return focused(page);
}
