/**
 * The supplier's light portal (issue 18) in a real headless Chromium against the real service and
 * its database: Kontorland's catalogue user signs in (devLogin), sees an order Nordby skole sent,
 * answers it with a changed quantity, price and date on its line, then uploads a catalogue with a
 * mistake (the report names the line and field, nothing stored) and the corrected file (a new
 * draft version in the list, sent for review from its page). axe-core checks each screen for WCAG 2.1 A/AA; screenshots go to
 * test-output/web/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Browser } from 'playwright-core';
import { sentOrder } from './support/orders';
import { TestApp } from './support/test-app';
import { describeWithBrowser, focusOnHeading, heading, offlineContext, screenshot, wcagViolations, useBrowserApp } from './support/web-browser';

declare const document: any, window: any, MutationObserver: any;

const describeBrowser = describeWithBrowser('the supplier portal browser test');

describeBrowser('the supplier portal in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  useBrowserApp((app) => ({ t, browser, origin } = app));

  it('lets a supplier answer an order line by line and upload a catalogue, reading its report, each screen free of WCAG 2.1 A/AA violations', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const { page, elsewhere, pageErrors, context } = await offlineContext(browser, origin);

    await page.goto(`${origin}/sign-in`);
    await page.getByRole('button', { name: 'Logg inn som Kari Kontorland' }).click();

    // Incoming orders: the supplier starts here.
    await page.waitForURL(`${origin}/supplier/orders`);
    expect(await heading(page, 'Innkommende ordrer')).toBe('Innkommende ordrer');
    expect(await focusOnHeading(page)).toBe('H1 Innkommende ordrer');
    const row = page.getByTestId('supplier-orders').getByRole('row', { name: new RegExp(order.number) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Sendt til leverandør/);
    expect(await row.innerText()).toMatch(/\d[\d\s\u00a0]*,\d{2}\s?kr/);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-01-orders');

    // The order page, and an answer that changes the line.
    await row.getByRole('link', { name: order.number }).click();
    await page.waitForURL(`${origin}/supplier/orders/${order.id}`);
    expect(await heading(page, `Ordre ${order.number}`)).toBe(`Ordre ${order.number}`);
    expect(await focusOnHeading(page)).toBe(`H1 Ordre ${order.number}`);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-02-order');
    await page.getByLabel('Bekreft med endringer på linjer').check();
    await page.getByLabel('Svar på linjen').selectOption('CHANGED');
    const quantity = page.getByLabel(/^Antall dere kan levere/);
    await quantity.fill('null'); // a mistake: said which field, nothing lost
    await page.getByLabel('Enhetspris eks. mva. (kr)').fill('44,50');
    await page.getByLabel('Lovet levert').fill('2026-12-20');
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Antall må være et tall større enn 0, for eksempel 2 eller 1,5.').waitFor();
    expect(await page.getByLabel('Enhetspris eks. mva. (kr)').inputValue()).toBe('44,50');
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-03-answer-error');
    await quantity.fill('120');
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByTestId('order-status').filter({ hasText: 'Endret av leverandør' }).waitFor();
    expect(await page.getByTestId('order-responses').innerText()).toBe('Bekreftet med endringer');
    const stored = await t.gql(
      await t.login('katalog@kontorland.example'),
      'query($id: Int!) { order(id: $id) { status responses { responseCode lines { lineId status quantity price promisedDeliveryStart } } } }',
      { id: order.id },
    );
    expect(stored.data.order).toEqual({
      status: 'CHANGED',
      responses: [{ responseCode: 'CONDITIONALLY_ACCEPTED', lines: [{ lineId: order.lines[0].lineId, status: 'CHANGED', quantity: '120.00', price: '44.50', promisedDeliveryStart: '2026-12-20' }] }],
    });
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-04-answered');

    // The catalogue: a file with a mistake, then the good one.
    await page.getByRole('link', { name: 'Katalog' }).click();
    await page.waitForURL(`${origin}/supplier/catalogue`);
    expect(await heading(page, 'Katalog')).toBe('Katalog');
    expect(await focusOnHeading(page)).toBe('H1 Katalog');
    const versions = page.getByTestId('catalogue-versions').locator('tbody tr');
    await versions.first().waitFor();
    const before = await versions.count();
    expect(await versions.first().innerText()).toMatch(/Publisert/);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-05-catalogue');

    await page.getByRole('button', { name: 'Last opp' }).click();
    await page.getByText('Velg en katalogfil før du laster opp.').waitFor();

    const good = readFileSync(join(__dirname, '..', 'catalogs', 'kontorland-kontorrekvisita.csv'), 'utf8');
    const lines = good.split('\n');
    lines[2] = lines[2].replace(',NOK,25,', ',NOK,18,');
    await page.locator('#supplier-file').setInputFiles({ name: 'feil.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    // What the live region says while the file goes and is checked, and what the page showed then.
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid=announcer]');
      const said: { text: string; checking: boolean; report: boolean }[] = (window.torgSaid = []);
      new MutationObserver(() => {
        if (region.textContent)
          said.push({ text: region.textContent, checking: !!document.querySelector('[data-testid=upload-checking]'), report: !!document.querySelector('[data-testid=upload-report]') });
      }).observe(region, { childList: true, characterData: true, subtree: true });
    });
    // The server's check is held on a lock (it looks the file's UNSPSC codes up) until the page
    // shows "checking": on a fast machine the answer would otherwise come in the same frame as the
    // last byte, and only the result would be said.
    const side = new Client({ connectionString: t.databaseUrl });
    await side.connect();
    try {
      await side.query('BEGIN');
      await side.query('LOCK TABLE unspsc_node IN ACCESS EXCLUSIVE MODE');
      await page.getByRole('button', { name: 'Last opp' }).click();
      await page.getByTestId('upload-checking').waitFor();
    } finally {
      await side.query('ROLLBACK');
      await side.end();
    }
    const report = page.getByTestId('upload-report');
    await report.waitFor();
    // Once every byte was sent, "checking" was shown beside its progress bar and said, before the report.
    expect(await page.evaluate(() => window.torgSaid)).toEqual([
      { text: 'Sjekker filen …', checking: true, report: false },
      { text: 'Fant 1 feil. Rett linjene i tabellen under i filen, og last den opp igjen.', checking: false, report: true },
    ]);
    expect(await page.getByRole('alert').filter({ hasText: 'Katalogen ble ikke lagret' }).innerText()).toMatch(/Fant 1 feil/);
    const problem = report.locator('tbody tr').first();
    expect((await problem.locator('td').allInnerTexts()).slice(0, 2)).toEqual(['3', 'vatRate']);
    expect(await problem.innerText()).toMatch(/18/);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-06-catalogue-report');

    // A file with 1200 bad lines: the server lists the first 1000 and counts them all; the report
    // says so and shows them a page (50 rows) at a time.
    const [header, first] = lines;
    const bad = Array.from({ length: 1200 }, (_, i) =>
      first
        .replace(/^KL-100,/, `BAD-${i},`)
        .replace(',NOK,25,', ',NOK,18,')
        .replace(/,7090000010003,/, ',,'),
    );
    await page.locator('#supplier-file').setInputFiles({ name: 'mange-feil.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...bad].join('\n')) });
    await page.getByRole('button', { name: 'Last opp' }).click();
    await page.getByTestId('upload-report-heading-first').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Katalogen ble ikke lagret' }).innerText()).toMatch(/Fant 1\s200 feil/);
    expect(await page.getByTestId('upload-report-heading-first').innerText()).toMatch(/^Viser de første 1\s000 av 1\s200 feil\.$/);
    const badRows = page.getByTestId('upload-report-heading').locator('tbody tr');
    expect(await badRows.count()).toBe(50);
    expect(await badRows.first().locator('td').first().innerText()).toBe('2');
    const reportPager = page.getByRole('navigation', { name: 'Sider i Feil i katalogfilen, linje for linje' });
    await reportPager.getByRole('button', { name: 'Neste' }).click();
    await reportPager.getByRole('button', { name: 'Side 2' }).waitFor();
    expect(await badRows.count()).toBe(50);
    expect(await badRows.first().locator('td').first().innerText()).toBe('52');
    expect(await page.getByTestId('upload-report-heading').locator('caption').innerText()).toMatch(/rad 51–100 av 1\s?000/);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-06b-catalogue-report-paged');

    await page.locator('#supplier-file').setInputFiles({ name: 'kontorland-kontorrekvisita.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Last opp' }).click();
    await page.getByText('Katalogen er lagret').waitFor();
    await page.waitForFunction((n: number) => document.querySelectorAll('[data-testid=catalogue-versions] tbody tr').length === n + 1, before);
    expect(await versions.first().innerText()).toMatch(/Utkast/);
    expect(await versions.first().innerText()).toMatch(/kontorland-kontorrekvisita\.csv/);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-07-catalogue-stored');

    // The draft is the supplier's own until it is sent for review: from its page.
    await versions.first().getByRole('link').first().click();
    await page.waitForURL(/\/supplier\/catalogue\/versions\/\d+$/);
    const draftId = Number(page.url().split('/').pop());
    expect(await page.getByTestId('version-status').innerText()).toMatch(/Utkast/);
    await page.getByRole('button', { name: 'Send til godkjenning' }).click();
    await page.getByTestId('version-status').filter({ hasText: 'Til godkjenning' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send til godkjenning' }).count()).toBe(0);
    const [{ status }] = await t.sql(`SELECT status FROM catalogue_version WHERE id = $1`, [draftId]);
    expect(status).toBe('SUBMITTED');
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-08-catalogue-submitted');

    expect(pageErrors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await context.close();
  }, 300_000);
});
