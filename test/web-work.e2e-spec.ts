/**
 * The web app's screens after checkout (issue 18) in a real headless Chromium against the real
 * service and its database: a requester accepts the supplier's changes and receives goods (partly,
 * then a return); the keyboard-only walk search → cart → checkout → approval; an approver's
 * over-budget override with a reason, a rejection with a comment and the delegation screen;
 * accounts payable approves an invoice exception (made through POST /documents) and exports it
 * for posting. axe-core checks every screen for WCAG 2.1 A/AA; screenshots go to test-output/web/.
 */
import { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { quickInvoiceXml } from './support/invoices';
import { acceptedOrder, drain, kontorlandErp, postDocument, receive } from './support/invoicing';
import { publishedItem, sentOrder } from './support/orders';
import { TestApp } from './support/test-app';
import { BROWSER_TEST_MS, describeWithBrowser, focusOnHeading, heading, offlineContext, screenshot, wcagViolations, useBrowserApp } from './support/web-browser';
import { chooseByTyping, tabTo } from './support/web-keyboard';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const location: any;

const describeBrowser = describeWithBrowser('the orders, approvals and accounts payable browser test');

const announced = (page: Page, text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ timeout: 30_000 });
/** Text as the page shows it, with Intl's narrow and no-break spaces as plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describeBrowser('orders, approvals and accounts payable in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  useBrowserApp((app) => ({ t, browser, origin } = app));

  async function signIn(page: Page, name: string): Promise<void> {
    await page.goto(`${origin}/sign-in`);
    await heading(page, 'Logg inn');
    await page.getByRole('button', { name: `Logg inn som ${name}` }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  it('serves every new screen at its own address, never over the server’s paths', async () => {
    for (const path of ['/my-orders', '/my-orders/1', '/approvals', '/approvals/delegations', '/payables', '/payables/exports']) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect([path, res.status, res.text.includes('<div id="root">')]).toEqual([path, 200, true]);
    }
  });

  it(
    'lets a requester accept the supplier’s changes, receive part of the goods and return some, with every screen free of WCAG 2.1 A/AA violations',
    async () => {
      // Sent to Kontorland, which answers: 8 of the 10 packs of A4, the A3 as ordered.
      const order = await sentOrder(t, [
        { sellerItemId: 'KL-100', quantity: '10' },
        { sellerItemId: 'KL-101', quantity: '4' },
      ]);
      const answered = await t.gql(await t.login('katalog@kontorland.example'), `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename ... on ErrorResult { message } } }`, {
        i: { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', note: 'Delvis restordre', lines: [{ lineId: '1', status: 'CHANGED', quantity: '8', note: 'Bare 8 på lager' }] },
      });
      expect(answered.data.respondToOrder.__typename).toBe('OrderResponseRecorded');
      const a4 = order.lines[0].name as string;

      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await signIn(page, 'Bjørn Bestiller');
      await page.getByRole('link', { name: 'Mine bestillinger' }).click();
      expect(await heading(page, 'Mine bestillinger')).toBe('Mine bestillinger');
      expect(await focusOnHeading(page)).toBe('H1 Mine bestillinger');
      const row = page.getByTestId('my-orders').getByRole('row', { name: new RegExp(order.requisitionNumber) });
      expect(await row.innerText()).toContain('Endret av leverandør');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '10-my-orders');

      // The order: the supplier's answer with its change, to accept.
      await row.getByRole('link', { name: order.requisitionNumber }).click();
      expect(await heading(page, `Bestilling ${order.number}`)).toBe(`Bestilling ${order.number}`);
      expect(await focusOnHeading(page)).toBe(`H1 Bestilling ${order.number}`);
      expect(await page.getByTestId('order-answer').innerText()).toContain('Bekreftet med endringer');
      expect(plain(await page.getByRole('table', { name: 'Endringer leverandøren foreslår' }).innerText())).toContain('Antall 10 → 8 (Bare 8 på lager)');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '11-order-changes');
      await page.getByRole('button', { name: 'Godta endringene' }).click();
      await announced(page, 'Endringene er godtatt.');
      await page.getByTestId('order-status').filter({ hasText: 'Bekreftet av leverandør' }).waitFor();
      expect(await t.sql(`SELECT status FROM purchase_order WHERE id = $1`, [order.id])).toEqual([{ status: 'ACCEPTED' }]);

      // Goods receipt: nothing typed is refused with a pointer; then 5 of the 8 packs.
      await page.getByRole('button', { name: 'Registrer mottak' }).click();
      await page.getByRole('link', { name: 'Skriv et antall for minst én linje.' }).waitFor();
      const a4Field = page.getByLabel(`Antall mottatt av ${a4} (PK)`);
      expect(await page.getByTestId('receipt-line-1').innerText()).toContain('Gjenstår: 8');
      await a4Field.fill('5');
      await page.getByRole('button', { name: 'Registrer mottak' }).click();
      await announced(page, 'Varemottaket er registrert. Status: Delvis mottatt.');
      await page.getByTestId('order-status').filter({ hasText: 'Delvis mottatt' }).waitFor();
      await page
        .getByTestId('receipts')
        .filter({ hasText: `Linje 1 ${a4}: 5 PK` })
        .waitFor(); // the order refetched after the announcement
      expect(await a4Field.inputValue()).toBe('');

      // A return needs a reason: refused without one, and the quantity typed stays.
      await page.getByLabel('Retur av varer').check();
      await page.getByLabel(`Antall returnert av ${a4} (PK)`).fill('1');
      await page.getByRole('button', { name: 'Registrer retur' }).click();
      await page.getByRole('link', { name: 'Skriv årsaken til returen (minst 3 tegn).' }).waitFor();
      expect(await page.getByLabel(`Antall returnert av ${a4} (PK)`).inputValue()).toBe('1');
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByLabel(`Årsak til retur av ${a4}`).fill('Skadet emballasje');
      await page.getByRole('button', { name: 'Registrer retur' }).click();
      await announced(page, /^Returen er registrert\./);
      await page
        .getByTestId('receipts')
        .filter({ hasText: `Linje 1 ${a4}: 1 PK returnert (Skadet emballasje)` })
        .waitFor(); // the order refetched after the announcement
      const stored = await t.sql(`SELECT l.quantity::text AS quantity, l.reason FROM goods_receipt_line l JOIN goods_receipt r ON r.id = l.goods_receipt_id WHERE r.order_id = $1 ORDER BY l.id`, [
        order.id,
      ]);
      expect(stored).toEqual([
        { quantity: '5.0000', reason: null },
        { quantity: '-1.0000', reason: 'Skadet emballasje' },
      ]);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '12-order-received');

      // The rest will not come: the order is closed, with a reason (none is refused), and its
      // commitment follows what was kept (the 4 packs of line 1; nothing of the other lines).
      await page.getByRole('button', { name: 'Avslutt bestillingen' }).click();
      await page.getByText('Skriv hvorfor bestillingen avsluttes (minst 3 tegn).').waitFor();
      await page.getByLabel('Hvorfor kommer ikke resten?').fill('Leverandøren har ikke flere på lager');
      await page.getByRole('button', { name: 'Avslutt bestillingen' }).click();
      await announced(page, 'Bestillingen er avsluttet.');
      await page.getByTestId('order-status').filter({ hasText: 'Avsluttet' }).waitFor();
      expect(await page.getByRole('button', { name: 'Registrer mottak' }).count()).toBe(0); // a closed order takes no goods
      const [closed] = await t.sql(
        `SELECT o.status, c.amount::text AS committed, (SELECT round(4 * l.unit_price, 2)::text FROM purchase_order_line l WHERE l.order_id = o.id AND l.line_no = 1) AS kept
           FROM purchase_order o JOIN cost_centre_commitment c ON c.source_type = 'ORDER' AND c.source_id = o.id::text WHERE o.id = $1`,
        [order.id],
      );
      expect(closed).toEqual({ status: 'CLOSED', committed: closed.kept, kept: expect.stringMatching(/^\d+\.\d{2}$/) });
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '12b-order-closed');
      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'walks search → cart → checkout → approval by keyboard alone',
    async () => {
      // The requester's own limit is lowered so that the requisition must be approved.
      await t.sql(`UPDATE approval_limit SET amount = 1 WHERE user_id = (SELECT id FROM app_user WHERE email = 'bestiller@nordby.example')`);
      const { page, pageErrors, context } = await offlineContext(browser, origin);
      await page.goto(`${origin}/sign-in`);
      await heading(page, 'Logg inn');
      await tabTo(page, /^BUTTON Logg inn som Bjørn Bestiller$/);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/search`);
      expect(await focusOnHeading(page)).toBe('H1 Søk i avtalesortimentet');
      await tabTo(page, /^INPUT/);
      await page.keyboard.type('kopipapir');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'kopipapir');
      await page.waitForSelector('[data-testid=search-results][data-fetching=false]');
      await tabTo(page, /^BUTTON Legg i handlekurv/);
      await page.keyboard.press('Enter');
      await announced(page, 'er lagt i handlekurven.');
      await tabTo(page, /^A Handlekurv \(1\)$/, { back: true, max: 200 });
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/cart`);
      expect(await focusOnHeading(page)).toBe('H1 Handlekurv');
      await tabTo(page, /^BUTTON Gå til bestilling$/);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/checkout`);
      expect(await focusOnHeading(page)).toBe('H1 Bestilling');
      await tabTo(page, /^SELECT/);
      expect(await chooseByTyping(page, '2100', /^2100 /)).toBe('2100 – Undervisning');
      await tabTo(page, /^SELECT/);
      expect(await chooseByTyping(page, 'V', /^V/)).toMatch(/^V/);
      await tabTo(page, /^BUTTON Send rekvisisjon$/);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/requisitions\?ids=\d/);
      const [submitted] = await t.sql(`SELECT id, requisition_no, status FROM purchase_order WHERE status = 'PENDING_APPROVAL' ORDER BY id DESC LIMIT 1`);
      expect(submitted.status).toBe('PENDING_APPROVAL');
      expect(await heading(page, /^Rekvisisjon REQ-/)).toContain(submitted.requisition_no);

      // Sign out and in as the approver, still by keyboard; the queue is in the menu.
      await tabTo(page, /^BUTTON Logg ut$/, { back: true, max: 200 });
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/sign-in`);
      await heading(page, 'Logg inn');
      await tabTo(page, /^BUTTON Logg inn som Astrid Attestant$/);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname !== '/sign-in'); // back where the session ended, or to search
      await focusOnHeading(page);
      await tabTo(page, /^A Godkjenning$/, { back: true, max: 60 });
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/approvals`);
      expect(await heading(page, 'Til godkjenning')).toBe('Til godkjenning');
      expect(await focusOnHeading(page)).toBe('H1 Til godkjenning');
      const card = page.getByTestId(`approval-${submitted.requisition_no}`);
      await card.waitFor();
      expect(plain(await card.getByTestId('budget-remaining').innerText())).toMatch(/^[\d ]+,\d{2} kr$/);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '20-approvals');
      await tabTo(page, /^TEXTAREA/);
      await page.keyboard.type('Greit, papir trengs til eksamen.');
      await tabTo(page, /^BUTTON Godkjenn$/);
      await page.keyboard.press('Enter');
      await announced(page, `${submitted.requisition_no} er godkjent.`);
      expect(await focusOnHeading(page)).toBe('H1 Til godkjenning');
      const [decided] = await t.sql(`SELECT status, decision_comment FROM purchase_order WHERE id = $1`, [submitted.id]);
      expect(['APPROVED', 'SENT']).toContain(decided.status);
      expect(decided.decision_comment).toBe('Greit, papir trengs til eksamen.');
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets an approver approve over budget with a reason, reject with a comment, and shows delegations',
    async () => {
      // Two requisitions of Nordby skole on cost centre 2100 that need approval (the requester's limit
      // lowered), whose budget is then cut to 100 kr (restored at the end, for the next test).
      await t.sql(`UPDATE approval_limit SET amount = 1 WHERE user_id = (SELECT id FROM app_user WHERE email = 'bestiller@nordby.example')`);
      const token = await t.login('bestiller@nordby.example');
      const submit = async (sellerItemId: string, quantity: string) => {
        await t.gql(token, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', { i: { itemId: await publishedItem(t, sellerItemId), quantity } });
        const r = await t.gql(token, 'mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { id requisitionNumber status } } } }', {
          i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole },
        });
        return r.data.submitCart.requisitions[0];
      };
      const over = await submit('KL-101', '3');
      const other = await submit('KL-100', '1');
      expect([over.status, other.status]).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL']);
      const centre = t.world.buyerSetup.costCentres['skole:2100'];
      const budgets = await t.sql(`SELECT year, amount::text AS amount FROM cost_centre_budget WHERE cost_centre_id = $1`, [centre]);
      const restoreBudgets = async () => {
        for (const b of budgets) await t.sql(`UPDATE cost_centre_budget SET amount = $3 WHERE cost_centre_id = $1 AND year = $2`, [centre, b.year, b.amount]);
      };
      await t.sql(`UPDATE cost_centre_budget SET amount = 100 WHERE cost_centre_id = $1`, [centre]);
      try {
        const { page, pageErrors, context } = await offlineContext(browser, origin);
        await signIn(page, 'Astrid Attestant');
        await page.getByRole('link', { name: 'Godkjenning' }).click();
        await heading(page, 'Til godkjenning');
        const card = page.getByTestId(`approval-${over.requisitionNumber}`);
        await card.getByText('Denne rekvisisjonen går over budsjettet.').waitFor();
        await card.getByRole('button', { name: 'Godkjenn', exact: true }).click();
        await card.getByRole('alert').filter({ hasText: 'Budsjettet er overskredet' }).waitFor();
        expect(plain(await card.getByRole('alert').innerText())).toMatch(/Koststed 2100 har [-−]?[\d ]+,\d{2} kr igjen for \d{4}, men rekvisisjonen er på [\d ]+,\d{2} kr\./);
        await card.getByRole('button', { name: 'Godkjenn over budsjett' }).click();
        await card.getByText('Skriv hvorfor rekvisisjonen skal godkjennes over budsjett.').waitFor();
        expect(await wcagViolations(page)).toEqual([]);
        await screenshot(page, '21-approval-over-budget');
        await card.getByLabel('Begrunnelse for å godkjenne over budsjett').fill('Eksamen kan ikke vente; budsjettet justeres i januar.');
        await card.getByRole('button', { name: 'Godkjenn over budsjett' }).click();
        await announced(page, `${over.requisitionNumber} er godkjent.`);
        const [approved] = await t.sql(`SELECT status, budget_override_reason FROM purchase_order WHERE id = $1`, [over.id]);
        expect(approved.budget_override_reason).toBe('Eksamen kan ikke vente; budsjettet justeres i januar.');
        expect(['APPROVED', 'SENT']).toContain(approved.status);
        await restoreBudgets();

        // Rejecting asks for a comment first.
        const second = page.getByTestId(`approval-${other.requisitionNumber}`);
        await second.getByRole('button', { name: 'Avvis' }).click();
        await second.getByText('Skriv en kommentar til bestilleren når du avviser.').waitFor();
        await second.getByLabel(/^Kommentar til bestilleren/).fill('Vi har nok papir på lager.');
        await second.getByRole('button', { name: 'Avvis' }).click();
        await announced(page, `${other.requisitionNumber} er avvist.`);
        await page.getByText('Ingen rekvisisjoner venter på deg.').waitFor();
        expect(await t.sql(`SELECT status, decision_comment FROM purchase_order WHERE id = $1`, [other.id])).toEqual([{ status: 'REJECTED', decision_comment: 'Vi har nok papir på lager.' }]);

        // Delegations: the choice of someone who is not an approver is refused with the server's reason, the form kept.
        await page.getByRole('link', { name: 'Stedfortreder' }).click();
        expect(await heading(page, 'Stedfortreder')).toBe('Stedfortreder');
        await page.getByRole('button', { name: 'Lagre stedfortreder' }).click();
        await page.getByRole('link', { name: 'Velg en stedfortreder.' }).waitFor();
        await page.getByLabel('Stedfortreder', { exact: true }).selectOption({ label: 'Bjørn Bestiller (bestiller@nordby.example)' });
        await page.getByLabel('Fra og med').fill('2099-07-01');
        await page.getByLabel('Til og med').fill('2099-07-31');
        await page.getByRole('button', { name: 'Lagre stedfortreder' }).click();
        await page.getByRole('alert').filter({ hasText: 'Stedfortrederen må være attestant i virksomheten.' }).waitFor();
        expect(await page.getByLabel('Fra og med').inputValue()).toBe('2099-07-01');
        expect(await wcagViolations(page)).toEqual([]);
        await screenshot(page, '22-delegations');
        expect(pageErrors).toEqual([]);
        await context.close();
      } finally {
        await restoreBudgets();
      }
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets accounts payable see both sides of an invoice exception, approve it with a reason and export it for posting',
    async () => {
      // 10 packs of A4 at 45.07 received; Kontorland invoices them at 47.00 (beyond the 2 % tolerance).
      const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
      await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
      const number = `F-WEB-${Date.now()}`;
      const posted = await postDocument(t, await kontorlandErp(t), quickInvoiceXml({ id: number, orderReference: order.number, lines: [{ quantity: '10', price: '47.00', orderLineId: '1' }] }));
      expect(posted.status).toBe(201);
      expect(posted.body.status).toBe('EXCEPTION');
      await drain(t);

      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await signIn(page, 'Frida Faktura');
      await page.waitForURL(`${origin}/payables`);
      expect(await heading(page, 'Fakturaavvik')).toBe('Fakturaavvik');
      const card = page.getByTestId(`invoice-${number}`);
      await card.getByRole('heading', { name: `Faktura ${number} fra Kontorland AS` }).waitFor();
      const differences = plain(await card.getByTestId('differences').innerText());
      expect(differences).toMatch(/47(,0+)?\s+45,07/); // the invoice's price beside the agreed one
      expect(differences).toContain('19,30 kr'); // 10 × 1.93 at stake
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '30-invoice-exceptions');

      await card.getByRole('button', { name: 'Godkjenn likevel' }).click();
      await card.getByText('Skriv en begrunnelse.').waitFor();
      await card.getByLabel(/^Begrunnelse/).fill('Prisøkning avtalt på telefon');
      await card.getByRole('button', { name: 'Godkjenn likevel' }).click();
      await announced(page, `Faktura ${number} er godkjent.`);
      await page.getByText('Ingen fakturaer venter på behandling.').waitFor();
      expect(await t.sql(`SELECT status, decision_reason FROM invoice WHERE invoice_number = $1`, [number])).toEqual([{ status: 'APPROVED', decision_reason: 'Prisøkning avtalt på telefon' }]);

      // Posting export: one batch with the invoice, downloaded as CSV with the token.
      await page.getByRole('link', { name: 'Bokføringseksport' }).first().click();
      expect(await heading(page, 'Bokføringseksport')).toBe('Bokføringseksport');
      await page.getByRole('button', { name: 'Lag ny eksport' }).click();
      await announced(page, /^Eksport \d+ er laget med 1 faktura\.$/);
      const [batch] = await t.sql(`SELECT id FROM posting_export_batch ORDER BY id DESC LIMIT 1`);
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: `Last ned CSV for eksport ${batch.id}` }).click();
      const file = await downloading;
      expect(file.suggestedFilename()).toBe(`posting-export-${batch.id}.csv`);
      expect(readFileSync(await file.path(), 'utf8')).toContain(number);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '31-posting-exports');
      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets a requester reject the supplier’s changes (the order cancelled, the reason kept), with the screen free of WCAG 2.1 A/AA violations',
    async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '6' }]);
      const answered = await t.gql(await t.login('katalog@kontorland.example'), `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename } }`, {
        i: { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', lines: [{ lineId: '1', status: 'CHANGED', quantity: '2', note: 'Bare 2 på lager' }] },
      });
      expect(answered.data.respondToOrder.__typename).toBe('OrderResponseRecorded');

      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await signIn(page, 'Bjørn Bestiller');
      await page.goto(`${origin}/my-orders/${order.id}`);
      expect(await heading(page, `Bestilling ${order.number}`)).toBe(`Bestilling ${order.number}`);
      // Rejecting asks why first (the supplier reads it); nothing is sent without it.
      await page.getByRole('button', { name: 'Avvis endringene' }).click();
      await page.getByText('Skriv hvorfor du avviser endringene.').waitFor();
      expect(await t.sql(`SELECT status FROM purchase_order WHERE id = $1`, [order.id])).toEqual([{ status: 'CHANGED' }]);
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByLabel('Hvorfor avviser du endringene?').fill('Trenger alle 6 før skolestart');
      await page.getByRole('button', { name: 'Avvis endringene' }).click();
      await announced(page, 'Endringene er avvist, og bestillingen er kansellert.');
      await page.getByTestId('order-status').filter({ hasText: 'Kansellert' }).waitFor();
      expect(await page.getByRole('button', { name: 'Avvis endringene' }).count()).toBe(0);
      expect(await t.sql(`SELECT status FROM purchase_order WHERE id = $1`, [order.id])).toEqual([{ status: 'CANCELLED' }]);
      const [audited] = await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1::text AND data::text LIKE '%Trenger alle 6 før skolestart%'`, [order.id]);
      expect(audited.n).toBeGreaterThan(0);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '13-order-changes-rejected');
      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets accounts payable dispute an invoice exception with a reason, the supplier told',
    async () => {
      const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '4' }]);
      await receive(t, order.id, [{ lineId: '1', quantity: '4' }]);
      const number = `F-WEB-D-${Date.now()}`;
      const posted = await postDocument(t, await kontorlandErp(t), quickInvoiceXml({ id: number, orderReference: order.number, lines: [{ quantity: '4', price: '49.00', orderLineId: '1' }] }));
      expect(posted.body.status).toBe('EXCEPTION');
      await drain(t);

      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await signIn(page, 'Frida Faktura');
      await page.waitForURL(`${origin}/payables`);
      const card = page.getByTestId(`invoice-${number}`);
      await card.getByRole('heading', { name: `Faktura ${number} fra Kontorland AS` }).waitFor();
      await card.getByRole('button', { name: 'Bestrid' }).click();
      await card.getByText('Skriv en begrunnelse.').waitFor();
      expect(await t.sql(`SELECT status FROM invoice WHERE invoice_number = $1`, [number])).toEqual([{ status: 'EXCEPTION' }]);
      await card.getByLabel(/^Begrunnelse/).fill('Prisen er ikke avtalt');
      await card.getByRole('button', { name: 'Bestrid' }).click();
      await announced(page, `Faktura ${number} er bestridt, og leverandøren er varslet.`);
      await card.waitFor({ state: 'detached' });
      expect(await t.sql(`SELECT status, decision_reason FROM invoice WHERE invoice_number = $1`, [number])).toEqual([{ status: 'DISPUTED', decision_reason: 'Prisen er ikke avtalt' }]);
      expect(await wcagViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets an approver name a substitute for a period and cancel it again',
    async () => {
      // A second approver in Nordby skole to name (the demo has one); granted by the platform operator.
      const operator = await t.login('operator@torg.example');
      const granted = await t.gql(operator, 'mutation($o: Int!) { grantMembership(input: { email: "vikar@nordby.example", name: "Vera Vikar", organisationId: $o, roles: [APPROVER] }) { userId } }', {
        o: t.world.orgs.skole,
      });
      expect(granted.errors).toBeUndefined();
      // A substitute is chosen among the approvers with an approval authority (a right to approve up to an amount).
      const right = await t.gql(operator, 'mutation($i: SetApproverRightInput!) { setApproverRight(input: $i) { __typename } }', {
        i: { organisationId: t.world.orgs.skole, userId: granted.data.grantMembership.userId, maxAmount: '50000' },
      });
      expect(right.data.setApproverRight.__typename).toBe('ApprovalAuthority');

      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await signIn(page, 'Astrid Attestant');
      await page.getByRole('link', { name: 'Stedfortreder' }).click();
      expect(await heading(page, 'Stedfortreder')).toBe('Stedfortreder');
      await page.getByLabel('Stedfortreder', { exact: true }).selectOption({ label: 'Vera Vikar (vikar@nordby.example)' });
      await page.getByLabel('Fra og med').fill('2099-08-01');
      await page.getByLabel('Til og med').fill('2099-08-14');
      await page.getByRole('button', { name: 'Lagre stedfortreder' }).click();
      await announced(page, 'Vera Vikar er stedfortreder fra 01.08.2099 til 14.08.2099.');
      const cancel = page.getByRole('button', { name: 'Avlys stedfortreder Vera Vikar 01.08.2099–14.08.2099' });
      await cancel.waitFor();
      const [made] = await t.sql(`SELECT id, cancelled_at FROM approval_delegation WHERE substitute_user_id = $1`, [granted.data.grantMembership.userId]);
      expect(made.cancelled_at).toBeNull();
      expect(await wcagViolations(page)).toEqual([]);

      await cancel.click();
      await announced(page, 'Stedfortrederen er avlyst.');
      await cancel.waitFor({ state: 'detached' });
      const [after] = await t.sql(`SELECT cancelled_at FROM approval_delegation WHERE id = $1`, [made.id]);
      expect(after.cancelled_at).not.toBeNull();
      expect(await wcagViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'keeps the home page, the not-found page and a page that could not load free of WCAG 2.1 A/AA violations, each with its h1',
    async () => {
      const { page, context } = await offlineContext(browser, origin);
      await signIn(page, 'Bjørn Bestiller');
      await page.goto(`${origin}/home`);
      await page.locator('h1').waitFor();
      expect(await wcagViolations(page)).toEqual([]);

      await page.goto(`${origin}/no-such-page`);
      expect(await heading(page, 'Fant ikke siden')).toBe('Fant ikke siden');
      expect(await wcagViolations(page)).toEqual([]);

      // Only the error to show (an order that does not exist): still a page with an h1.
      await signIn(page, 'Kari Kontorland');
      await page.goto(`${origin}/supplier/orders/999999`);
      await page.getByRole('alert').waitFor();
      expect(await heading(page, 'Ordre #999999')).toBe('Ordre #999999');
      expect(await wcagViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
