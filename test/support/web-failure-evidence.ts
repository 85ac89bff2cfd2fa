/**
 * Evidence of a failed browser test, kept where the next person can read it: for every browser
 * context the test opened, a screenshot of each page still open, what the pages wrote to the
 * console and the errors they threw, and the last GraphQL exchanges (what was asked, what came
 * back, or that nothing came back). Written to test-output/web/failures/<test name>.* and named
 * in the failure itself, so a flake that will not come back twice still says what the screen was.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BrowserContext, Page, Request } from 'playwright-core';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const document: any;

/** How many GraphQL exchanges (the last ones) a failure keeps. */
export const GRAPHQL_KEPT = 12;
/** A longer answer is cut (a search page of hits is enough to recognise). */
const BODY_KEPT = 20_000;

interface Exchange {
  sent: string;
  operation: string;
  variables: unknown;
  status: string;
  answer?: unknown;
}

interface Recording {
  context: BrowserContext;
  /** Console messages and page errors in the order they came, with the time. */
  log: string[];
  graphql: Exchange[];
  /** Answers still being read. */
  reading: Set<Promise<unknown>>;
}

/** The contexts the running test opened. */
const recordings: Recording[] = [];

const clock = () => new Date().toISOString().slice(11, 23);

/** The operation's name (or its first words), and its variables, as the app sent them (urql POSTs; a GET carries them in the URL). */
function asked(request: Request): { operation: string; variables: unknown } {
  let body: { query?: string; operationName?: string; variables?: unknown } = {};
  try {
    if (request.method() === 'POST') body = request.postDataJSON() ?? {};
    else {
      const params = new URL(request.url()).searchParams;
      body = { query: params.get('query') ?? '', operationName: params.get('operationName') ?? undefined, variables: JSON.parse(params.get('variables') ?? 'null') };
    }
  } catch {
    // Not JSON: the operation is unknown, the status still says what came back.
  }
  const named = body.query?.match(/\b(query|mutation|subscription)\s+(\w+)/);
  const operation = body.operationName ?? (named ? `${named[1]} ${named[2]}` : (body.query ?? '?').replace(/\s+/g, ' ').slice(0, 80));
  return { operation, variables: body.variables ?? null };
}

function parsed(text: string): unknown {
  if (text.length > BODY_KEPT) return `${text.slice(0, BODY_KEPT)}… (${text.length} characters in all)`;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Records what the context's pages say from now on, for evidence if the running test fails. */
export function recordForEvidence(context: BrowserContext): void {
  const rec: Recording = { context, log: [], graphql: [], reading: new Set() };
  recordings.push(rec);
  const exchanges = new Map<Request, Exchange>();
  context.on('console', (m) => rec.log.push(`${clock()} console.${m.type()}: ${m.text()}`));
  context.on('weberror', (e) => rec.log.push(`${clock()} page error: ${e.error().stack ?? e.error().message}`));
  context.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/graphql') return;
    const exchange: Exchange = { sent: clock(), ...asked(request), status: 'no answer yet' };
    exchanges.set(request, exchange);
    rec.graphql.push(exchange);
    if (rec.graphql.length > GRAPHQL_KEPT) rec.graphql.shift();
  });
  context.on('response', (response) => {
    const exchange = exchanges.get(response.request());
    if (!exchange) return;
    exchange.status = `${response.status()} at ${clock()}`;
    const read = response.text().then(
      (text) => (exchange.answer = parsed(text)),
      (e: Error) => (exchange.answer = `(not readable: ${e.message.split('\n')[0]})`),
    );
    rec.reading.add(read);
    void read.finally(() => rec.reading.delete(read));
  });
  context.on('requestfailed', (request) => {
    const exchange = exchanges.get(request);
    if (exchange) exchange.status = `failed at ${clock()}: ${request.failure()?.errorText}`;
  });
}

/** jest-circus's state (it keeps it on the test file's global under a symbol of its own): the running test's errors so far. */
function runningTestFailed(): boolean {
  const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL');
  const state = key ? (globalThis as any)[key] : undefined;
  if (!state) throw new Error('Cannot tell whether the browser test failed: jest-circus keeps its state elsewhere now (test/support/web-failure-evidence.ts).');
  return (state.currentlyRunningTest?.errors?.length ?? 0) > 0;
}

/** The promise's value, or `otherwise` when it takes longer than `ms` (a page that hangs still gets its other evidence written). */
async function within<T, U>(ms: number, promise: Promise<T>, otherwise: U): Promise<T | U> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<U>((resolve) => (timer = setTimeout(() => resolve(otherwise), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What has focus on the page (keyboard walks fail on it): tag and text, as web-browser.ts's focused() says it. */
function focusOf(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName} ${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 80)}` : 'nothing';
    })
    .catch((e: Error) => `(not known: ${e.message.split('\n')[0]})`);
}

/** How many of the last GraphQL exchanges the failure's message names, and how much of each answer. */
const BRIEF_EXCHANGES = 3;
const BRIEF_ANSWER = 300;

function briefly(answer: unknown): string {
  if (answer === undefined) return '(no answer read)';
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return text.length > BRIEF_ANSWER ? `${text.slice(0, BRIEF_ANSWER)}…` : text;
}

/** The messages the page shows (alerts, validation messages, the live region), which say why a step did not happen. */
function alertsOf(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const shown = [...document.querySelectorAll('[role=alert], [role=status], [aria-live], .ds-validation-message')]
        .map((el: any) => (el.innerText || '').trim().replace(/\s+/g, ' '))
        .filter((text: string) => text);
      return shown.length ? [...new Set(shown)].join(' | ').slice(0, 400) : 'none';
    })
    .catch((e: Error) => `(not known: ${e.message.split('\n')[0]})`);
}

/** The test's name as a file name: letters, digits and dashes, not too long. */
export function evidenceName(testName: string): string {
  return (
    testName
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 120) || 'unnamed-test'
  );
}

/**
 * After each browser test: when it failed, writes the evidence and fails with a message naming
 * the files (shown beside the test's own error). Either way the test's contexts are closed: a
 * test that ran out of time goes on in the background, and must not click through the next one.
 */
export async function keepEvidenceOfFailure(dir: string, root: string): Promise<void> {
  const open = recordings.splice(0);
  try {
    if (open.length && runningTestFailed()) await writeEvidence(open, dir, root);
  } finally {
    await Promise.allSettled(open.map((rec) => rec.context.close()));
  }
}

async function writeEvidence(open: Recording[], dir: string, root: string): Promise<void> {
  const name = evidenceName(expect.getState().currentTestName ?? 'unnamed test');
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const log: string[] = [];
  /** What the failure's own message says: CI keeps only the test's output, not the files. */
  const brief: string[] = [];
  const graphql: { context: number; exchanges: Exchange[] }[] = [];
  let shot = 0;
  for (const [i, rec] of open.entries()) {
    const pages = rec.context.pages();
    for (const page of pages) {
      const file = join(dir, `${name}${shot ? `.${shot + 1}` : ''}.png`);
      shot++;
      const where = `a page at ${page.url()}, focus on ${await within(5_000, focusOf(page), '(no answer)')}`;
      log.push(`${clock()} context ${i + 1}: ${where}`);
      brief.push(`context ${i + 1}: ${where}; messages shown: ${await within(5_000, alertsOf(page), '(no answer)')}`);
      await page.screenshot({ path: file, fullPage: true, timeout: 15_000 }).then(
        () => written.push(file),
        (e: Error) => log.push(`${clock()} context ${i + 1}: no screenshot of ${page.url()}: ${e.message.split('\n')[0]}`),
      );
    }
    await within(5_000, Promise.allSettled(rec.reading), null);
    if (!pages.length) log.push(`context ${i + 1}: closed before the failure (no screenshot)`);
    log.push(...rec.log.map((line) => `context ${i + 1}: ${line}`));
    graphql.push({ context: i + 1, exchanges: rec.graphql });
    brief.push(...rec.graphql.slice(-BRIEF_EXCHANGES).map((x) => `context ${i + 1}: ${x.sent} ${x.operation} → ${x.status}: ${briefly(x.answer)}`));
  }
  const logFile = join(dir, `${name}.console.txt`);
  writeFileSync(logFile, `${log.join('\n')}\n`);
  const graphqlFile = join(dir, `${name}.graphql.json`);
  writeFileSync(graphqlFile, `${JSON.stringify(graphql, null, 2)}\n`);
  written.push(logFile, graphqlFile);
  throw new Error(
    `Evidence of this failure (screenshot, console and page errors, the last ${GRAPHQL_KEPT} GraphQL exchanges):\n${written.map((f) => `  ${relative(root, f)}`).join('\n')}\nIn brief:\n${brief.map((line) => `  ${line}`).join('\n')}`,
  );
}
