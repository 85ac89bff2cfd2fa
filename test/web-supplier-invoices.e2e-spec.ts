/**
 * The supplier portal's later half (issue 18) in a real headless Chromium against the real service
 * and database: Kontorland's catalogue user opens a catalogue version from the paged list, then an
 * order it has confirmed, registers a despatch, and after the buyer received the goods creates the
 * invoice Torg writes for it (a mistyped account is refused beside its field, nothing typed lost);
 * the invoice list and the invoice's page show its status and the buyer's answer in words.
 * axe-core checks each new screen for WCAG 2.1 A/AA; screenshots go to test-output/web/.
 */
import { Browser } from 'playwright-core';
import { acceptedOrder, receive } from './support/invoicing';
import { TestApp } from './support/test-app';
import { describeWithBrowser, focusOnHeading, heading, offlineContext, screenshot, wcagViolations, useBrowserApp } from './support/web-browser';

const describeBrowser = describeWithBrowser('the supplier portal invoices browser test');

describeBrowser('the supplier portal: versions, despatch, invoice from an order, invoice status', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  useBrowserApp((app) => ({ t, browser, origin } = app));

  it('walks versions → order → despatch → invoice → invoice status, each screen free of WCAG 2.1 A/AA violations', async () => {
    const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '6' }]);
    const { page, elsewhere, pageErrors, context } = await offlineContext(browser, origin);

    await page.goto(`${origin}/sign-in`);
    await page.getByRole('button', { name: 'Logg inn som Kari Kontorland' }).click();
    await page.waitForURL(`${origin}/supplier/orders`);

    // Catalogue versions, paged, and one version's page with its review status.
    await page.getByRole('link', { name: 'Katalog' }).click();
    await heading(page, 'Katalog');
    const firstVersion = page.getByTestId('catalogue-versions').locator('tbody tr').first();
    await firstVersion.waitFor();
    expect(await firstVersion.innerText()).toMatch(/Publisert/);
    const link = firstVersion.getByRole('link', { name: /^Åpne versjon \d+$/ });
    const versionNo = (await link.innerText()).trim();
    await link.click();
    expect(await heading(page, `Katalogversjon ${versionNo}`)).toBe(`Katalogversjon ${versionNo}`);
    expect(await focusOnHeading(page)).toBe(`H1 Katalogversjon ${versionNo}`);
    expect(await page.getByTestId('version-status').innerText()).toMatch(/Publisert/);
    await page.getByText('Opplastingen ga ingen advarsler.').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-10-catalogue-version');

    // The order, confirmed: register a despatch of 4 of the 6 (the rest outstanding).
    await page.goto(`${origin}/supplier/orders/${order.id}`);
    await heading(page, `Ordre ${order.number}`);
    await page.getByRole('button', { name: 'Registrer forsendelse' }).click();
    await page.getByText('Skriv et forsendelsesnummer.').waitFor();
    await page.getByLabel('Forsendelsesnummer').fill('PAKK-1');
    await page.getByLabel(/^Sendt nå av linje 1/).fill('4');
    await page.getByRole('button', { name: 'Registrer forsendelse' }).click();
    await page.getByTestId('despatches').filter({ hasText: 'PAKK-1' }).waitFor();
    const [despatch] = await t.sql(
      `SELECT d.despatch_id, l.delivered_quantity::text AS delivered, l.outstanding_quantity::text AS outstanding
         FROM despatch_advice d JOIN despatch_advice_line l ON l.despatch_advice_id = d.id WHERE d.order_id = $1`,
      [order.id],
    );
    expect(despatch).toEqual({ despatch_id: 'PAKK-1', delivered: expect.stringMatching(/^4(\.0+)?$/), outstanding: expect.stringMatching(/^2(\.0+)?$/) });
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-11-despatch');

    // The buyer receives all six; the supplier invoices them.
    await receive(t, order.id, [{ lineId: '1', quantity: '6' }]);
    await page.reload();
    await heading(page, `Ordre ${order.number}`);
    const account = page.getByLabel('Kontonummer for betaling');
    await account.fill('1503 20 80118'); // one digit wrong: the server's check digit test refuses it
    await page.getByLabel('KID (valgfritt)').fill('0000420000429');
    await page.getByRole('button', { name: 'Lag og send faktura' }).click();
    await page.getByText('Kontonummeret finnes ikke: kontrollsifferet stemmer ikke. Sjekk hvert siffer.').waitFor();
    expect(await account.inputValue()).toBe('1503 20 80118');
    expect(await page.getByLabel('KID (valgfritt)').inputValue()).toBe('0000420000429');
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-12-invoice-error');
    await account.fill('1503 20 80119');
    await page.getByRole('button', { name: 'Lag og send faktura' }).click();
    const created = page.getByTestId('invoice-created');
    await created.waitFor();
    expect(await created.innerText()).toMatch(new RegExp(`Faktura ${order.number}-1 er sendt til kunden. Status: Godkjent for betaling`));
    const [stored] = await t.sql(`SELECT invoice_number, status, payment_account FROM invoice WHERE order_id = $1`, [order.id]);
    expect(stored).toEqual({ invoice_number: `${order.number}-1`, status: 'APPROVED', payment_account: '15032080119' });
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-13-invoice-created');

    // The invoices, paged, with status and the buyer's last answer; the invoice's page with its answers in words.
    await page.getByRole('link', { name: 'Fakturaer' }).click();
    expect(await heading(page, 'Fakturaer')).toBe('Fakturaer');
    expect(await focusOnHeading(page)).toBe('H1 Fakturaer');
    const row = page.getByTestId('supplier-invoices').getByRole('row', { name: new RegExp(`${order.number}-1`) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Godkjent for betaling/);
    expect(await row.innerText()).toMatch(/\d[\d\s\u00a0]*,\d{2}\s?kr/);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-14-invoices');

    await row.getByRole('link', { name: `${order.number}-1` }).click();
    expect(await heading(page, `Faktura ${order.number}-1`)).toBe(`Faktura ${order.number}-1`);
    expect(await focusOnHeading(page)).toBe(`H1 Faktura ${order.number}-1`);
    const responses = page.getByTestId('invoice-responses');
    await responses.waitFor();
    expect(await responses.innerText()).toMatch(/^Godkjent, /);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, 'supplier-15-invoice');

    expect(pageErrors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await context.close();
  }, 300_000);
});
