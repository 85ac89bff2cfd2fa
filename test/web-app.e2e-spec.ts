/**
 * The web app (issue 18) in a real headless Chromium against the real service and its database:
 * Torg serves it at / without shadowing its own paths; a requester signs in (devLogin), searches
 * as they type, filters, opens an item, fills the cart (a catalogue line, a free-text line that a
 * mandatory agreement turns into a justification, then the cheaper agreement item in one click)
 * and submits a requisition; the same walk by keyboard alone. axe-core checks every screen for
 * WCAG 2.1 A/AA; screenshots go to test-output/web/. The time from the last keystroke to updated
 * results is printed, not asserted.
 */
import { createHash } from 'node:crypto';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { LocalOidcProvider } from './support/local-oidc';
import { TestApp } from './support/test-app';
import { describeLatency, measureSearchLatency, SAMPLE_WORDS, SearchLatency } from './support/web-search-latency';
import { BROWSER_TEST_MS, describeWithBrowser, focusOnHeading, heading, offlineContext, screenshot, wcagViolations, useBrowserApp } from './support/web-browser';
import { chooseByTyping, tabTo } from './support/web-keyboard';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const document: any, window: any, getComputedStyle: any, MutationObserver: any, sessionStorage: any, localStorage: any;

const describeBrowser = describeWithBrowser('the web app browser test');

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none';
  });
}

describeBrowser('the web app in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  useBrowserApp((app) => ({ t, browser, origin } = app));

  it("serves the app at / and at its client routes, and never over Torg's own paths", async () => {
    const html = (path: string) => t.http.get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    for (const path of ['/', '/sign-in', '/search?q=stol', '/cart', '/checkout', '/items/3/KL-211', '/requisitions?ids=1', '/no-such-screen']) {
      const res = await html(path);
      expect([path, res.status, res.text.includes('<div id="root">')]).toEqual([path, 200, true]);
    }
    const ide = await html('/graphql');
    expect(ide.text).toMatch(/graphiql/i);
    expect((await t.http.get('/health')).body.status).toBe('ok');
    const document = await html('/orders/1/document');
    expect(document.status).toBe(401);
    expect(document.text).not.toContain('<div id="root">');
    expect((await t.http.get('/web-config.json')).body).toEqual({ devLogin: true, oidc: null });
    expect((await t.http.get('/assets/no-such-file.js')).status).toBe(404);
    expect((await t.http.get('/cart').set('Accept', 'application/json')).status).toBe(404);
  });

  it(
    'takes a requester from sign-in through search, item, cart and checkout to a submitted requisition, each screen free of WCAG 2.1 A/AA violations',
    async () => {
      const { page, elsewhere, pageErrors, context } = await offlineContext(browser, origin);
      const token = await t.login('bestiller@nordby.example');
      const chairs = await t.gql(token, '{ searchProducts(input: {text: "kontorstol"}) { edges { node { name unspscCode mandatory } } } }');
      const seating = chairs.data.searchProducts.edges.find((e: any) => e.node.mandatory).node.unspscCode as string;

      // Sign-in lists the demo users.
      await page.goto(`${origin}/`);
      expect(await heading(page, 'Logg inn')).toBe('Logg inn');
      expect(page.url()).toBe(`${origin}/sign-in`);
      await page.getByRole('button', { name: 'Logg inn som Bjørn Bestiller' }).waitFor(); // the demo users, listed
      expect(await page.getByRole('button', { name: /^Logg inn som / }).count()).toBeGreaterThan(5);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '01-sign-in');
      await page.getByRole('button', { name: 'Logg inn som Bjørn Bestiller' }).click();

      // Search as you type.
      await page.waitForURL(`${origin}/search`);
      expect(await heading(page, 'Søk i avtalesortimentet')).toBe('Søk i avtalesortimentet');
      expect(await focusOnHeading(page)).toBe('H1 Søk i avtalesortimentet');
      const box = page.getByLabel('Hva trenger du?');
      await box.click();
      await page.keyboard.type('kontorsto');
      await page.waitForSelector('[data-testid=search-results][data-results-for=kontorsto]');
      await page.evaluate(() => {
        const w = window;
        w.lastKey = 0;
        w.updated = 0;
        document.addEventListener('keydown', () => (w.lastKey = performance.now()), true);
        const results = document.querySelector('[data-testid=search-results]');
        new MutationObserver(() => {
          if (results.getAttribute('data-results-for') === 'kontorstol') w.updated ||= performance.now();
        }).observe(results, { attributes: true, childList: true, subtree: true });
      });
      await page.keyboard.type('l');
      await page.waitForSelector('[data-testid=search-results][data-results-for=kontorstol]');
      const ms = await page.evaluate(() => window.updated - window.lastKey);
      console.log(`web search: results updated ${ms.toFixed(0)} ms after the last keystroke (target 150 ms; debounce included)`);
      const count = (await page.getByTestId('result-count').innerText()).trim();
      expect(count).toMatch(/^\d+ treff$/);
      const names = await page.locator('.torg-hit h2').allInnerTexts();
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((n) => /kontorstol/i.test(n))).toBe(true);
      expect(await page.locator('.torg-hit').first().getByText('Pliktig avtale').count()).toBe(1); // mandatory agreement items first
      expect(await page.locator('.torg-hit mark').count()).toBeGreaterThan(0);
      expect(await page.locator('.torg-hit').first().innerText()).toMatch(/\d[\d\s\u00a0]*,\d{2}\s?kr per EA/);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '02-search');

      // A facet narrows the results and goes into the URL.
      await page.getByRole('checkbox', { name: /^Kontorland AS/ }).click();
      await page.waitForURL(/supplier=\d+/);
      await page.waitForSelector('[data-testid=search-results][data-results-for=kontorstol]');
      await page.waitForFunction(() => document.querySelector('input[type=checkbox]:checked') !== null);
      expect(await page.getByRole('checkbox', { name: /^Kontorland AS/ }).isChecked()).toBe(true);

      // The item page.
      const first = names[0];
      await page.locator('.torg-hit h2 a').first().click();
      await page.waitForURL(/\/items\/\d+\//);
      expect(await heading(page, first)).toBe(first);
      expect(await focusOnHeading(page)).toBe(`H1 ${first}`);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '03-item');
      await page.getByLabel(/^Antall/).fill('2');
      await page.getByRole('button', { name: /^Legg i handlekurv/ }).click();
      await page
        .getByTestId('announcer')
        .filter({ hasText: `${first} er lagt i handlekurven.` })
        .waitFor();
      await page.getByRole('link', { name: 'Handlekurv (1)' }).waitFor();

      // The cart: the line, then a free-text line in the mandatory agreement's category.
      await page.getByRole('link', { name: 'Handlekurv (1)' }).click();
      expect(await heading(page, 'Handlekurv')).toBe('Handlekurv');
      expect(await page.getByRole('table', { name: 'Fra Kontorland AS' }).innerText()).toContain(first);
      await page.getByText('Legg til vare som ikke finnes i katalogen').click();
      // Filled until the values stay: on a loaded machine the cart's own answer can arrive after the
      // form opened and draw it again, and a click on an emptied form sends nothing (CI saw that once).
      await fillUntilKept(page, [
        [page.getByLabel('Hva trenger du?'), 'Kontorstol med ekstra bred sits'],
        [page.getByLabel('Anslått enhetspris eks. mva. (kr)'), '999,50'],
        [page.getByLabel(/^UNSPSC-kode/), seating],
      ]);
      await page.getByRole('button', { name: 'Legg til', exact: true }).click();
      // Refused without a justification: the agreement's items are offered, and nothing typed is lost.
      await page
        .getByText('Begrunnelse for kjøp utenfor avtale')
        .waitFor()
        .catch(async (e) => {
          // It failed once in CI and never since: say what the screen showed instead.
          const typed = await page
            .locator('main input, main select')
            .evaluateAll((fields) => fields.map((f) => `${f.getAttribute('name') ?? f.id}=${(f as unknown as { value: string }).value}`).join(', '));
          throw new Error(`${(e as Error).message}\nThe screen said: ${await page.locator('main').innerText()}\nIts fields: ${typed}\nPage errors: ${pageErrors.join(' | ')}`);
        });
      expect(await page.getByLabel('Hva trenger du?').inputValue()).toBe('Kontorstol med ekstra bred sits');
      expect(await page.getByRole('button', { name: /^Legg .* i handlekurven i stedet$/ }).count()).toBeGreaterThan(0);
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Legg til', exact: true }).click();
      await page.getByText('Fyll ut Årsak.').waitFor(); // the justification is asked for, by field
      await page.getByLabel('Avtalen har ikke varen').check();
      await page.getByLabel(/^Forklaring/).fill('Trenger ekstra bred sits etter legeerklæring.');
      await page.getByRole('button', { name: 'Legg til', exact: true }).click();
      await page.getByTestId('announcer').filter({ hasText: 'er lagt i handlekurven som anslag' }).waitFor();
      await page.getByText('Utenfor avtale', { exact: true }).waitFor();
      expect(await page.getByRole('table', { name: 'Uten valgt leverandør' }).innerText()).toContain('Begrunnelse: Trenger ekstra bred sits etter legeerklæring.');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '04-cart');
      // The cheaper agreement item, in one click.
      const offer = page.getByRole('button', { name: /^Bytt til / }).first();
      const offered = (await offer.innerText()).replace(/^Bytt til /, '').trim();
      await offer.click();
      await page
        .getByTestId('announcer')
        .filter({ hasText: `Linjen er byttet til ${offered}.` })
        .waitFor();
      await page.getByText('Utenfor avtale', { exact: true }).waitFor({ state: 'detached' }); // the cart, refetched
      const lines = await t.sql(`SELECT name, loyalty FROM cart_line ORDER BY line_no`);
      expect(lines.map((l) => l.loyalty)).toEqual(['ON_AGREEMENT', 'ON_AGREEMENT']);

      // Checkout: a submit without choices says what to fix and keeps what was typed.
      await page.getByRole('button', { name: 'Gå til bestilling' }).click();
      expect(await heading(page, 'Bestilling')).toBe('Bestilling');
      await page.getByLabel('Melding til leverandøren (valgfritt)').fill('Lever til bakdøren, takk.');
      await page.getByRole('button', { name: 'Send rekvisisjon' }).click();
      await page.getByText('Rett opp dette før du sender:').waitFor();
      expect(await page.getByRole('link', { name: 'Velg koststed.' }).count()).toBe(1);
      expect(await page.getByLabel('Melding til leverandøren (valgfritt)').inputValue()).toBe('Lever til bakdøren, takk.');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '05-checkout-errors');
      await page.getByLabel('Koststed').selectOption({ label: '2100 – Undervisning' });
      await page.getByLabel('Leveringsadresse').selectOption({ index: 1 });
      await page.getByLabel('Ønsket leveringsdato (valgfritt)').fill('2099-01-15');
      await page.getByRole('button', { name: 'Send rekvisisjon' }).click();

      // The requisition.
      await page.waitForURL(/\/requisitions\?ids=\d/);
      expect(await heading(page, /^Rekvisisjon REQ-\d{4}-\d+ er sendt$/)).toMatch(/^Rekvisisjon REQ-\d{4}-\d+ er sendt$/);
      const orders = await t.sql(`SELECT requisition_no AS requisition_number, status, note_to_supplier, wanted_delivery_date::text AS date FROM purchase_order`);
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ note_to_supplier: 'Lever til bakdøren, takk.', date: '2099-01-15' });
      expect(await page.locator('main table').innerText()).toContain(orders[0].requisition_number);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '06-requisition');
      await page.getByRole('link', { name: 'Handlekurv', exact: true }).waitFor(); // the cart is empty now
      expect((await t.gql(token, '{ cart { lines { id } } }')).data.cart.lines).toEqual([]);

      // Sign-out clears the session: the token is gone from the tab.
      await page.getByRole('button', { name: 'Logg ut' }).click();
      await page.waitForURL(`${origin}/sign-in`);
      await heading(page, 'Logg inn');
      expect(await page.evaluate(() => sessionStorage.getItem('torg.session'))).toBeNull();
      // Nothing of the user stays in the tab (drafts, the checkout's among them), only the language chosen.
      expect(await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter((k) => k.startsWith('torg.') && k !== 'torg.language'))).toEqual([]);
      await page.goto(`${origin}/cart`);
      expect(await heading(page, 'Logg inn')).toBe('Logg inn');

      expect(elsewhere).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'prints the time from the last keystroke to the search results, with its parts (median of several samples)',
    async () => {
      // A plain context: offlineContext's check of every request runs in this process (the service's
      // too) and would add its own round trip to each request measured.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${origin}/sign-in`);
      await page.getByRole('button', { name: 'Logg inn som Bjørn Bestiller' }).click();
      await page.waitForURL(`${origin}/search`);
      const [warmUp, ...words] = SAMPLE_WORDS;
      await measureSearchLatency(page, warmUp); // the service's and the page's first search
      const samples: SearchLatency[] = [];
      for (const word of words) samples.push(await measureSearchLatency(page, word));
      console.log(describeLatency(samples));
      // Each sample saw the search request (with the service's time) and the results for the whole word.
      expect(samples.every((s) => s.requests >= 1 && s.server > 0 && s.total >= s.beforeRequest)).toBe(true);
      // The screen shows the last word's answer (some words are another buyer's: no hits for this one).
      expect(await page.getByTestId('search-results').getAttribute('data-results-for')).toBe(words[words.length - 1]);
      expect((await page.getByTestId('result-count').innerText()).trim()).toMatch(/^(\d+ treff|Ingen treff\b.*)$/);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'walks search → cart → checkout by keyboard alone, focus on each new screen’s heading and visible',
    async () => {
      const { page, pageErrors, context } = await offlineContext(browser, origin);
      await page.goto(`${origin}/sign-in`);
      await heading(page, /./);
      await tabTo(page, /^BUTTON Logg inn som Siri Sykepleier$/);
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/search`);
      expect(await heading(page, 'Søk i avtalesortimentet')).toBe('Søk i avtalesortimentet');
      expect(await focusOnHeading(page)).toBe('H1 Søk i avtalesortimentet');

      await tabTo(page, /^INPUT/);
      await page.keyboard.type('kopipapir');
      await page.waitForSelector('[data-testid=search-results][data-results-for=kopipapir]');
      const added = await tabTo(page, /^BUTTON Legg i handlekurv/);
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByTestId('announcer').filter({ hasText: 'er lagt i handlekurven.' }).waitFor();
      expect(added).toMatch(/papir/i);

      // The menu's count comes with a second request after the line is added: tabbing back before it
      // came would pass the link while it still said "Handlekurv", and wrap round into the facets.
      await page.getByRole('link', { name: 'Handlekurv (1)' }).waitFor();
      await tabTo(page, /^A Handlekurv \(1\)$/, { back: true, max: 200 });
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/cart`);
      expect(await heading(page, 'Handlekurv')).toBe('Handlekurv');
      expect(await focusOnHeading(page)).toBe('H1 Handlekurv');

      await tabTo(page, /^BUTTON Gå til bestilling$/);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/checkout`);
      expect(await heading(page, 'Bestilling')).toBe('Bestilling');
      expect(await focusOnHeading(page)).toBe('H1 Bestilling');
      await tabTo(page, /^SELECT/);
      expect(await chooseByTyping(page, '3100', /^3100 /)).toBe('3100 – Pleie og omsorg');
      await tabTo(page, /^SELECT/);
      expect(await chooseByTyping(page, 'V', /^V/)).toMatch(/^Varemottak kjøkken/);
      expect(await page.getByLabel('Koststed').evaluate((s: any) => s.selectedOptions[0].text)).toBe('3100 – Pleie og omsorg');
      await tabTo(page, /^BUTTON Send rekvisisjon$/);
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/requisitions\?ids=\d/);
      expect(await heading(page, /^Rekvisisjon REQ-\d{4}-\d+ er sendt$/)).toMatch(/^Rekvisisjon REQ-\d{4}-\d+ er sendt$/);
      expect(await focusOnHeading(page)).toMatch(/^H1 Rekvisisjon REQ-/);
      const [order] = await t.sql(`SELECT o.requisition_no AS requisition_number FROM purchase_order o JOIN app_user u ON u.id = o.requester_user_id WHERE u.email = 'bestiller@sykehjem.example'`);
      expect(await heading(page, /REQ-/)).toContain(order.requisition_number);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'speaks English when asked, with amounts still formatted for nb-NO',
    async () => {
      const { page, context } = await offlineContext(browser, origin);
      await page.goto(`${origin}/sign-in`);
      await heading(page, /./);
      await page.getByLabel('Språk').selectOption('en');
      expect(await heading(page, 'Sign in')).toBe('Sign in');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: 'Sign in as Liv Leder' }).click();
      await page.waitForURL(`${origin}/search`);
      expect(await heading(page, 'Search the agreement range')).toBe('Search the agreement range');
      await page.getByLabel('What do you need?').fill('kopipapir');
      // The answer to this text (not the listing shown before it, whose first hit varied with timing),
      // and one item of it by name: KL-100 costs 45.07 per pack in the demo catalogue.
      await page.waitForSelector('[data-testid=search-results][data-results-for=kopipapir]');
      expect((await page.getByTestId('result-count').innerText()).trim()).toMatch(/^\d+ results?$/);
      const a4 = page.locator('.torg-hit', { has: page.locator('h2', { hasText: /^Kopipapir A4 80 g 500 ark$/ }) });
      expect(await a4.innerText()).toMatch(/(^|\s)45,07\s?kr per PK, excl\. VAT/);
      expect(await wcagViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

describeBrowser('the web app signing in with OpenID Connect (authorization code with PKCE)', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  const provider = new LocalOidcProvider();

  beforeAll(() => provider.start());
  afterAll(() => provider.stop());
  useBrowserApp(
    (app) => ({ t, browser, origin } = app),
    () => provider.env(), // OIDC configured: no devLogin, no demo users listed
  );

  /**
   * The provider, played by the test in the browser's context: discovery, the authorization
   * endpoint (which answers at once with a code, as after the user signed in there, or as the
   * provider's session does when asked with prompt=none), the token endpoint (no refresh token:
   * a renewal must go through the authorization endpoint again) and the end-session endpoint.
   * `lifetime(n)` is the n-th access token's lifetime in seconds. Returns what it was asked and gave.
   */
  async function playProvider(context: BrowserContext, lifetime: (n: number) => number = () => 300) {
    const issuer = provider.issuer;
    const cors = { 'access-control-allow-origin': origin, 'access-control-allow-headers': '*' };
    const seen = { authorize: [] as URLSearchParams[], token: [] as URLSearchParams[], accessTokens: [] as string[], idTokens: [] as string[], endSession: undefined as URLSearchParams | undefined };
    await context.route(`${issuer}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET, POST' } });
      if (url.pathname === '/.well-known/openid-configuration') {
        return route.fulfill({
          headers: cors,
          contentType: 'application/json',
          body: JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, end_session_endpoint: `${issuer}/logout` }),
        });
      }
      if (url.pathname === '/authorize') {
        seen.authorize.push(url.searchParams);
        const code = seen.authorize.length === 1 ? 'the-code' : `the-code-${seen.authorize.length}`;
        return route.fulfill({ status: 302, headers: { location: `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}` } });
      }
      if (url.pathname === '/token') {
        seen.token.push(new URLSearchParams(route.request().postData() ?? ''));
        const claims = { sub: 'idporten-bjorn', email: 'bestiller@nordby.example', email_verified: true, name: 'Bjørn Bestiller' };
        const seconds = lifetime(seen.token.length);
        seen.idTokens.push(provider.sign(claims));
        seen.accessTokens.push(provider.sign(claims, { expiresIn: seconds }));
        const body = { access_token: seen.accessTokens.at(-1), id_token: seen.idTokens.at(-1), token_type: 'Bearer', expires_in: seconds, scope: 'openid profile email' };
        return route.fulfill({ headers: cors, contentType: 'application/json', body: JSON.stringify(body) });
      }
      if (url.pathname === '/logout') {
        // The end-session endpoint: ends the provider's session and sends the browser back.
        seen.endSession = url.searchParams;
        return route.fulfill({ status: 302, headers: { location: url.searchParams.get('post_logout_redirect_uri') ?? origin } });
      }
      return route.fulfill({ status: 404, headers: cors });
    });
    return seen;
  }

  /** Returns once Torg refuses `token` (as after its exp), asking every quarter second. */
  async function refusedByTorg(token: string, giveUpAfterMs = 60_000): Promise<void> {
    const giveUpAt = Date.now() + giveUpAfterMs;
    for (;;) {
      const res = await t.gql(token, '{ me { email } }');
      if (res.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return;
      if (Date.now() > giveUpAt) throw new Error(`Torg still accepts the token after ${giveUpAfterMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it(
    'sends the browser to the provider with a PKCE challenge, redeems the code with its verifier, and signs the user in',
    async () => {
      const { context, page, pageErrors } = await offlineContext(browser, origin);
      const issuer = provider.issuer;
      const seen = await playProvider(context);
      expect((await t.http.get('/web-config.json')).body).toEqual({ devLogin: false, oidc: { issuer, clientId: 'torg', scope: 'openid profile email' } });

      await page.goto(`${origin}/cart`);
      expect(await heading(page, 'Logg inn')).toBe('Logg inn');
      expect(await page.getByRole('button', { name: /^Logg inn som/ }).count()).toBe(0);
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Logg inn', exact: true }).click();

      // Back from the provider, signed in, on the page asked for first.
      await page.waitForURL(`${origin}/cart`, { timeout: 30_000 });
      expect(await heading(page, 'Handlekurv')).toBe('Handlekurv');
      await page.getByText('Logget inn som Bjørn Bestiller, Nordby skole').waitFor();
      expect(seen.authorize[0]?.get('response_type')).toBe('code');
      expect(seen.authorize[0]?.get('client_id')).toBe('torg');
      expect(seen.authorize[0]?.get('redirect_uri')).toBe(`${origin}/auth/callback`);
      expect(seen.authorize[0]?.get('code_challenge_method')).toBe('S256');
      // The token request proves the verifier behind the challenge.
      expect(seen.token[0]?.get('grant_type')).toBe('authorization_code');
      expect(seen.token[0]?.get('code')).toBe('the-code');
      const verifier = seen.token[0]?.get('code_verifier') ?? '';
      expect(createHash('sha256').update(verifier).digest('base64url')).toBe(seen.authorize[0]?.get('code_challenge'));
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user:')))).toHaveLength(1);

      // Signing out ends the provider's session too, naming it by the ID token (without the hint a
      // provider may ask the user again, or refuse), and leaves no tokens in the tab.
      await page.getByRole('button', { name: 'Logg ut' }).click();
      await page.waitForURL(`${origin}/sign-in`, { timeout: 30_000 });
      await heading(page, 'Logg inn');
      expect(seen.endSession?.get('id_token_hint')).toBe(seen.idTokens[0]);
      expect(seen.endSession?.get('post_logout_redirect_uri')).toBe(`${origin}/sign-in`);
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user:') || k === 'torg.session'))).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "renews a short-lived token silently in a hidden iframe on /auth/silent (no refresh token), and the user stays signed in with GraphQL working past the first token's end",
    async () => {
      const { context, page, pageErrors } = await offlineContext(browser, origin);
      // The first token lasts 10 s: less than the minute before its end at which the app renews, so
      // it renews at once, and the renewal (one hidden frame's round trip) has the 10 s to come back
      // before the session would end at the token's exp.
      const seen = await playProvider(context, (n) => (n === 1 ? 10 : 300));
      // Where the provider's answer to the renewal was opened: a frame of the page, not the page itself.
      const silentNavigations: boolean[] = [];
      page.on('request', (r) => {
        if (r.isNavigationRequest() && r.url().startsWith(`${origin}/auth/silent`)) silentNavigations.push(r.frame() === page.mainFrame());
      });

      await page.goto(`${origin}/cart`);
      await heading(page, 'Logg inn');
      await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
      await page.waitForURL(`${origin}/cart`, { timeout: 30_000 });
      await page.getByText('Logget inn som Bjørn Bestiller, Nordby skole').waitFor();
      const [first] = seen.accessTokens;
      // The session's token becomes the renewed one, without the page going anywhere.
      await page.waitForFunction((old: string) => JSON.parse(sessionStorage.getItem('torg.session') ?? '{}').token !== old, first, { timeout: 60_000 });
      expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('torg.session')).token)).toBe(seen.accessTokens[1]);
      expect(page.url()).toBe(`${origin}/cart`);
      // The renewal asked the provider again without showing anything (prompt=none), to be answered
      // on /auth/silent in a hidden frame, and redeemed that code with its own PKCE verifier: no
      // refresh token was given, and none was used.
      expect(seen.authorize).toHaveLength(2);
      expect(seen.authorize[1].get('prompt')).toBe('none');
      expect(seen.authorize[1].get('redirect_uri')).toBe(`${origin}/auth/silent`);
      expect(silentNavigations).toEqual([false]);
      expect(seen.token.map((r) => [r.get('grant_type'), r.get('code')])).toEqual([
        ['authorization_code', 'the-code'],
        ['authorization_code', 'the-code-2'],
      ]);
      expect(
        createHash('sha256')
          .update(seen.token[1].get('code_verifier') ?? '')
          .digest('base64url'),
      ).toBe(seen.authorize[1].get('code_challenge'));

      // Past the first token's end, once Torg refuses it (and the app would have ended the session
      // at its exp): still signed in, and GraphQL answers with the renewed token.
      await refusedByTorg(first);
      const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql` && r.request().headers().authorization === `Bearer ${seen.accessTokens[1]}`, { timeout: 30_000 });
      await page.getByRole('link', { name: 'Mine bestillinger' }).click();
      expect(await heading(page, 'Mine bestillinger')).toBe('Mine bestillinger');
      const response = await answered;
      expect(response.status()).toBe(200);
      expect((await response.json()).errors).toBeUndefined();
      await page.getByText('Logget inn som Bjørn Bestiller, Nordby skole').waitFor();
      expect(page.url()).toBe(`${origin}/my-orders`);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

/** Fills each field and checks, after a moment, that every value is still there; fills again if a redraw took them (at most three times). */
async function fillUntilKept(page: Page, fields: [Locator, string][]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    for (const [field, value] of fields) await field.fill(value);
    await page.waitForTimeout(250);
    const kept = await Promise.all(fields.map(async ([field, value]) => (await field.inputValue()) === value));
    if (kept.every(Boolean)) return;
    if (attempt === 3) throw new Error(`the form lost what was typed in it three times (kept: ${kept.join(', ')})`);
    console.log(`web app: the free-text form lost what was typed in it (attempt ${attempt}); filling it again`);
  }
}
