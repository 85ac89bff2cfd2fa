/**
 * The requester's, approver's and accounts payable's later screens (issue 18, branch
 * web-requester2) in a real headless Chromium against the real service and its database:
 * favourites and order templates, the UNSPSC tree as a search facet, facets combined (either
 * supplier) with the chosen filters as chips, the approval queue a page at
 * a time, accounts payable's query and payment, and an expired sign-in that returns the user to
 * where they were. axe-core checks each new screen for WCAG 2.1 A/AA; screenshots go to
 * test-output/web/.
 */
import { Browser, Page } from 'playwright-core';
import { createAgreement, SUBMIT, upload } from './support/fixtures';
import { quickInvoiceXml } from './support/invoices';
import { acceptedOrder, drain, kontorlandErp, postDocument, receive } from './support/invoicing';
import { publishedItem, sentOrder } from './support/orders';
import { TestApp } from './support/test-app';
import { BROWSER_TEST_MS, describeWithBrowser, focusOnHeading, heading, offlineContext, screenshot, wcagViolations, useBrowserApp } from './support/web-browser';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const document: any, sessionStorage: any;

const describeBrowser = describeWithBrowser('the favourites, templates, UNSPSC facet, approval queue and payables browser test');
/** A control's name as "<label>: <item>" (the item in a visually hidden span, which Chromium may set off with a space). */
const named = (label: string, item: string) => new RegExp(`${esc(label)}\\s*:\\s*${esc(item)}$`);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const announced = (page: Page, text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ timeout: 30_000 });
/** The GraphQL operations the page sends, by name with their variables, as they go. */
function graphqlOperations(page: Page): { name: string; variables: Record<string, unknown> }[] {
  const seen: { name: string; variables: Record<string, unknown> }[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/graphql')) return;
    const body = JSON.parse(r.postData() ?? '{}');
    seen.push({ name: /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? '', variables: body.variables ?? {} });
  });
  return seen;
}

describeBrowser('favourites, templates, the UNSPSC facet, the approval queue and payables in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  useBrowserApp((app) => ({ t, browser, origin } = app));

  /** The token stops being good (its signature no longer matches, as the server sees an expired one): the next request is refused. */
  async function spoilToken(page: Page): Promise<void> {
    await page.evaluate(() => {
      const kept = JSON.parse(sessionStorage.getItem('torg.session'));
      kept.token = `${kept.token.slice(0, -6)}AAAAAA`;
      sessionStorage.setItem('torg.session', JSON.stringify(kept));
    });
  }

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
      const asked = graphqlOperations(page);
      await signIn(page, 'Bjørn Bestiller');
      await page.getByLabel('Hva trenger du?').fill('kopipapir');
      await page.waitForSelector('[data-testid=search-results][data-results-for=kopipapir]');
      const firstHit = page.locator('.torg-hit').first();
      const name = (await firstHit.locator('h2').innerText()).trim();
      const star = firstHit.getByRole('button', { name: named('Favoritt', name) });
      expect(await star.getAttribute('aria-pressed')).toBe('false');
      await star.click();
      await announced(page, `${name} er lagt til i favorittene.`);
      await page.waitForFunction((n) => document.querySelector(`.torg-hit button[aria-pressed=true]`)?.textContent?.includes(n), name);
      expect(await t.sql(`SELECT f.seller_item_id FROM cart_favourite f`)).toHaveLength(1);
      // The stars asked which hits are favourites once for the whole page of hits, never for the whole list of favourites.
      const hitCount = await page.locator('.torg-hit').count();
      expect(hitCount).toBeGreaterThan(1);
      expect(asked.filter((o) => o.name === 'Favourites')).toEqual([]);
      expect(asked.some((o) => o.name === 'FavouritesOfItems' && (o.variables.itemIds as string[]).length === hitCount)).toBe(true);

      // Another requester of the same school sees the same hit unmarked: the favourite is Bjørn's.
      const colleague = await offlineContext(browser, origin);
      await signIn(colleague.page, 'Astrid Attestant');
      await colleague.page.getByLabel('Hva trenger du?').fill('kopipapir');
      await colleague.page.waitForSelector('[data-testid=search-results][data-results-for=kopipapir]');
      const theirStar = colleague.page.locator('.torg-hit', { has: colleague.page.locator('h2', { hasText: name }) }).getByRole('button', { name: named('Favoritt', name) });
      await colleague.page.waitForFunction(() => document.querySelectorAll('.torg-hit button[aria-pressed]:not([disabled])').length > 1);
      expect(await theirStar.getAttribute('aria-pressed')).toBe('false');
      expect(await colleague.page.locator('.torg-hit button[aria-pressed=true]').count()).toBe(0);
      expect(colleague.pageErrors).toEqual([]);
      await colleague.context.close();

      // The favourites screen: the item at today's price, to the cart from there.
      await page.getByRole('link', { name: 'Favoritter' }).click();
      expect(await heading(page, 'Favoritter')).toBe('Favoritter');
      expect(await focusOnHeading(page)).toBe('H1 Favoritter');
      await page.locator('main h2', { hasText: name }).waitFor();
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '40-favourites');
      await page.getByLabel(`Antall – ${name}`).fill('3');
      await page.getByRole('button', { name: named('Legg i handlekurv', name) }).click();
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
      await page.getByText('Du har allerede en med dette navnet. Velg et annet navn og prøv igjen.').waitFor();
      expect(await page.getByLabel('Navn på malen').inputValue()).toBe('Kopipapir hver uke');

      // The templates screen puts it into an emptied cart.
      await t.gql(await t.login('bestiller@nordby.example'), 'mutation { clearCart { id } }');
      await page.getByRole('link', { name: 'Maler' }).click();
      expect(await heading(page, 'Bestillingsmaler')).toBe('Bestillingsmaler');
      // The list loads after the heading: wait for the template's line rather than read the page at once.
      await page
        .locator('main')
        .getByText(new RegExp(`3 × ${name}`))
        .first()
        .waitFor();
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '41-templates');
      await page.getByRole('button', { name: named('Legg i handlekurven', 'Kopipapir hver uke') }).click();
      await page.getByRole('status').filter({ hasText: '1 linje fra «Kopipapir hver uke» er lagt i handlekurven.' }).first().waitFor();
      await page.getByRole('link', { name: 'Handlekurv (1)' }).waitFor();
      expect(await t.sql(`SELECT l.quantity = 3 AS three FROM cart_line l JOIN cart c ON c.id = l.cart_id WHERE c.status = 'OPEN'`)).toEqual([{ three: true }]);
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByRole('button', { name: named('Slett mal', 'Kopipapir hver uke') }).click();
      await page.getByText('Du har ingen maler ennå.', { exact: false }).waitFor();
      expect(await t.sql(`SELECT id FROM order_template`)).toEqual([]);

      // Unmarked from the favourites screen.
      await page.getByRole('link', { name: 'Favoritter' }).click();
      await page.getByRole('button', { name: named('Fjern fra favoritter', name) }).click();
      await page.getByText('Du har ingen favoritter ennå.', { exact: false }).waitFor();
      expect(elsewhere).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'filters the search by the UNSPSC tree, opened segment → family → class by keyboard, with the state said to screen readers',
    async () => {
      const { page, pageErrors, context } = await offlineContext(browser, origin);
      await signIn(page, 'Bjørn Bestiller');
      await page.waitForSelector('[data-testid=search-results][data-results-for=""]');
      const [segment] = await t.sql(
        `SELECT n.code, n.title FROM unspsc_node n WHERE n.level = 1 AND EXISTS (SELECT 1 FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE left(ci.unspsc_code, 2) = left(n.code, 2)) ORDER BY n.code LIMIT 1`,
      );
      const open = page.getByRole('button', { name: `Vis underkategorier av ${segment.title}` });
      await open.waitFor();
      expect(await open.getAttribute('aria-expanded')).toBe('false');
      await open.focus();
      await page.keyboard.press('Enter');
      const list = page.getByRole('list', { name: `Underkategorier av ${segment.title}` });
      await list.waitFor();
      expect(await page.getByRole('button', { name: `Skjul underkategorier av ${segment.title}` }).getAttribute('aria-expanded')).toBe('true');
      // A family, then its classes.
      const familyButton = list.getByRole('button', { name: /^Vis underkategorier av / }).first();
      const familyTitle = ((await familyButton.getAttribute('aria-label')) ?? '').replace('Vis underkategorier av ', '');
      await familyButton.focus();
      await page.keyboard.press('Enter');
      const classes = page.getByRole('list', { name: `Underkategorier av ${familyTitle}` });
      await classes.waitFor();
      const classBox = classes.getByRole('checkbox').first();
      const classLabel = (await classBox.evaluate((el: any) => el.labels[0].innerText)) as string;
      await classBox.focus();
      await page.keyboard.press('Space');
      await page.waitForURL(/unspsc=\d{6}00/);
      const code = new URL(page.url()).searchParams.get('unspsc')!;
      await page.waitForSelector('[data-testid=search-results][data-fetching=false]');
      const codes = await page.locator('.torg-hit').count();
      expect(codes).toBeGreaterThan(0);
      expect(Number(/\((\d+)\)$/.exec(classLabel)?.[1])).toBeGreaterThanOrEqual(codes);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE ci.unspsc_code LIKE $1`, [
        `${code.slice(0, 6)}%`,
      ]);
      expect(n).toBeGreaterThan(0);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '42-search-unspsc-tree');
      // Reloaded, the tree opens where the chosen class sits, ticked.
      await page.reload();
      await page
        .getByRole('checkbox', { name: classLabel.replace(/\s*\(\d+\)$/, ''), exact: false })
        .first()
        .waitFor();
      expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(1);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'combines values of a facet (either supplier), keeps the other values offered with their counts, counts the UNSPSC tree for the typed text, and lists the chosen filters as removable chips',
    async () => {
      // A word that both of the requester's suppliers have, with few enough hits to see them all on the first page.
      const token = await t.login('bestiller@nordby.example');
      let word = '';
      for (const candidate of ['polstret', 'ergonomisk', 'grå', 'svart']) {
        const r = await t.gql(token, '{ searchProducts(input: {text: "' + candidate + '", first: 20}) { totalCount facets { supplier { value } } } }');
        if (r.data.searchProducts.facets.supplier.length >= 2 && r.data.searchProducts.totalCount <= 20) {
          word = candidate;
          break;
        }
      }
      expect(word).not.toBe('');

      const { page, pageErrors, context } = await offlineContext(browser, origin);
      await signIn(page, 'Bjørn Bestiller');
      await page.waitForSelector('[data-testid=search-results][data-results-for=""]');
      // The tree's top level (nothing is opened) once the answer's counts are on it.
      const treeLabels = () => page.locator('.torg-unspsc .torg-unspsc-row label').allInnerTexts();
      const counted = (labels: string[]) => labels.map((l) => Number(/\((\d+)\)$/.exec(l)?.[1] ?? NaN));
      await page.waitForFunction(() => {
        const labels = [...document.querySelectorAll('.torg-unspsc .torg-unspsc-row label')].map((l: any) => l.innerText);
        return labels.length > 0 && labels.every((l: string) => /\(\d+\)$/.test(l));
      });
      const unfiltered = await treeLabels();
      const resultCount = async () => Number(/^(\d+) treff$/.exec((await page.getByTestId('result-count').innerText()).trim())?.[1]);
      expect(counted(unfiltered).reduce((a, b) => a + b, 0)).toBe(await resultCount()); // each item sits in one segment

      // Typed text: the tree counts what the text finds, no longer everything the requester may buy.
      await page.getByLabel('Hva trenger du?').fill(word);
      await page.waitForSelector(`[data-testid=search-results][data-results-for="${word}"]`);
      await page.waitForFunction((before: string) => {
        const labels = [...document.querySelectorAll('.torg-unspsc .torg-unspsc-row label')].map((l: any) => l.innerText);
        return labels.length > 0 && labels.join('|') !== before && labels.every((l: string) => /\(\d+\)$/.test(l));
      }, unfiltered.join('|'));
      const typed = await treeLabels();
      const hits = await resultCount();
      expect(typed).not.toEqual(unfiltered);
      expect(counted(typed).reduce((a, b) => a + b, 0)).toBe(hits);
      expect(counted(typed).every((n) => n > 0)).toBe(true); // categories without hits for the text are not offered

      // Two suppliers, each with its count.
      const suppliers = page.getByRole('group', { name: 'Leverandør' });
      const offered = async () =>
        (await suppliers.getByRole('checkbox').evaluateAll((boxes: any[]) => boxes.map((b) => b.labels[0].innerText as string))).map((l) => {
          const [, name, count] = /^(.*) \((\d+)\)$/.exec(l) ?? [];
          return { name, count: Number(count) };
        });
      const [a, b] = await offered();
      expect(a.count + b.count).toBe(hits);

      // Ticking A narrows to A; B is still offered, with what it would add.
      await suppliers.getByRole('checkbox', { name: new RegExp(`^${esc(a.name)}`) }).click();
      await page.waitForURL(/supplier=\d+/);
      await page
        .getByTestId('result-count')
        .filter({ hasText: new RegExp(`^${a.count} treff$`) })
        .waitFor();
      await suppliers.getByRole('checkbox', { name: `${b.name} (${b.count})` }).waitFor();
      expect(await suppliers.getByRole('checkbox', { name: new RegExp(`^${esc(a.name)}`) }).isChecked()).toBe(true);

      // Ticking B too widens to either: hits from both.
      await suppliers.getByRole('checkbox', { name: new RegExp(`^${esc(b.name)}`) }).click();
      await page.waitForURL((url) => url.searchParams.getAll('supplier').length === 2);
      await page
        .getByTestId('result-count')
        .filter({ hasText: new RegExp(`^${a.count + b.count} treff$`) })
        .waitFor();
      await page.waitForSelector('[data-testid=search-results][data-fetching=false]');
      const cards = await page.locator('.torg-hit').allInnerTexts();
      expect(cards).toHaveLength(a.count + b.count);
      expect([cards.some((c) => c.includes(a.name)), cards.some((c) => c.includes(b.name))]).toEqual([true, true]);
      expect(await suppliers.getByRole('checkbox', { checked: true }).count()).toBe(2);

      // The chosen filters, named for a screen reader, each removable; the page passes axe with them on.
      const chips = page.getByRole('region', { name: 'Valgte filtre' });
      await chips.getByRole('button', { name: `Fjern filteret Leverandør: ${a.name}` }).waitFor();
      await chips.getByRole('button', { name: `Fjern filteret Leverandør: ${b.name}` }).waitFor();
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '43-search-facets-combined');

      // Removing A leaves B, and the focus on B's chip; removing all leaves the text and the focus in the search box.
      await chips.getByRole('button', { name: `Fjern filteret Leverandør: ${a.name}` }).click();
      await page.waitForURL((url) => url.searchParams.getAll('supplier').length === 1);
      await page
        .getByTestId('result-count')
        .filter({ hasText: new RegExp(`^${b.count} treff$`) })
        .waitFor();
      await page.waitForFunction((name: string) => document.activeElement?.getAttribute('aria-label') === name, `Fjern filteret Leverandør: ${b.name}`);
      await chips.getByRole('button', { name: 'Fjern alle filtre' }).click();
      await page.waitForURL((url) => url.searchParams.getAll('supplier').length === 0 && url.searchParams.get('q') === word);
      await page
        .getByTestId('result-count')
        .filter({ hasText: new RegExp(`^${hits} treff$`) })
        .waitFor();
      expect(await page.getByRole('region', { name: 'Valgte filtre' }).count()).toBe(0);
      await page.waitForFunction(() => document.activeElement?.id === 'search-text');
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'pages the approval queue by cursor',
    async () => {
      await t.sql(`UPDATE approval_limit SET amount = 1 WHERE user_id = (SELECT id FROM app_user WHERE email = 'bestiller@nordby.example')`);
      const token = await t.login('bestiller@nordby.example');
      await t.gql(token, 'mutation { clearCart { id } }');
      const numbers: string[] = [];
      for (let i = 0; i < 11; i++) {
        await t.gql(token, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', { i: { itemId: await publishedItem(t, 'KL-100'), quantity: String(i + 1) } });
        const r = await t.gql(token, 'mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { requisitionNumber status } } } }', {
          i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole },
        });
        numbers.push(r.data.submitCart.requisitions[0].requisitionNumber);
      }
      const { page, pageErrors, context } = await offlineContext(browser, origin);
      await signIn(page, 'Astrid Attestant');
      await page.getByRole('link', { name: 'Godkjenning' }).click();
      await heading(page, 'Til godkjenning');
      await page.getByTestId(`approval-${numbers[0]}`).waitFor();
      expect(await page.locator('[data-testid^=approval-REQ]').count()).toBe(10);
      await page.getByRole('button', { name: 'Neste' }).click();
      await page.getByTestId(`approval-${numbers[10]}`).waitFor();
      expect(await page.locator('[data-testid^=approval-REQ]').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Side 2' }).count()).toBe(1);
      expect(await page.getByTestId(`approval-${numbers[10]}`).innerText()).toContain('Kontorland AS');
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Forrige' }).click();
      await page.getByTestId(`approval-${numbers[0]}`).waitFor();
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets accounts payable ask the supplier about an invoice exception, and mark approved invoices paid, the differences in Norwegian',
    async () => {
      const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
      await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
      const queried = `F-Q-${Date.now()}`;
      const posted = await postDocument(t, await kontorlandErp(t), quickInvoiceXml({ id: queried, orderReference: order.number, lines: [{ quantity: '10', price: '47.00', orderLineId: '1' }] }));
      expect(posted.body.status).toBe('EXCEPTION');
      await drain(t);
      // One approved invoice to pay, approved over the API.
      const [{ id: approvedId, invoice_number: approvedNumber }] = await t.sql(`SELECT id, invoice_number FROM invoice WHERE invoice_number = $1`, [queried]);
      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await signIn(page, 'Frida Faktura');
      await page.waitForURL(`${origin}/payables`);
      const card = page.getByTestId(`invoice-${queried}`);
      await card.waitFor().catch(async (e) => {
        throw new Error(`${(e as Error).message}\nThe screen said: ${await page.locator('main').innerText()}`);
      });
      expect(await card.getByTestId('differences').innerText()).toContain('Prisen er høyere enn avtalt');
      await card.getByText('Spør leverandøren').click();
      await card.getByRole('button', { name: 'Send spørsmålet' }).click();
      await card.getByText('Skriv spørsmålet til leverandøren.').waitFor();
      await card.getByLabel('Hva gjelder spørsmålet?').selectOption('PRI');
      await card.getByLabel(/^Spørsmålet/).fill('Prisen er 47,00, avtalt pris er 45,07. Send kreditnota for differansen.');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '43-invoice-query');
      await card.getByRole('button', { name: 'Send spørsmålet' }).click();
      await announced(page, `Spørsmålet om faktura ${queried} er sendt til leverandøren.`);
      expect(await t.sql(`SELECT status FROM invoice WHERE id = $1`, [approvedId])).toEqual([{ status: 'UNDER_QUERY' }]);

      // Approved (the supplier answered), then paid from the screen.
      const ap = await t.login('faktura@storby.example');
      const [{ version }] = await t.sql(`SELECT version FROM invoice WHERE id = $1`, [approvedId]);
      const approved = await t.gql(ap, 'mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename } }', {
        i: { invoiceId: approvedId, expectedVersion: version, reason: 'Kreditnota lovet' },
      });
      expect(approved.data.approveInvoice.__typename).toBe('Invoice');
      await page.reload();
      await heading(page, 'Fakturaavvik');
      const payment = page.getByRole('region', { name: 'Godkjente fakturaer til betaling' });
      const box = payment.getByRole('checkbox', { name: new RegExp(`^Faktura ${approvedNumber}`) });
      await box.waitFor();
      await payment.getByRole('button', { name: 'Merk som betalt' }).click();
      await payment.getByText('Kryss av for minst én faktura.').waitFor();
      await box.check();
      await payment.getByLabel(/^Betalingsreferanse/).fill('Betalingsjobb 2026-118');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '44-invoices-to-pay');
      await payment.getByRole('button', { name: 'Merk som betalt' }).click();
      await announced(page, '1 faktura er merket som betalt.');
      expect(await t.sql(`SELECT status FROM invoice WHERE id = $1`, [approvedId])).toEqual([{ status: 'PAID' }]);
      expect(elsewhere).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'sends a user whose sign-in expired to sign in with the reason, then back where they were, with what they typed',
    async () => {
      const { page, pageErrors, context } = await offlineContext(browser, origin);
      await signIn(page, 'Bjørn Bestiller');
      await page.getByRole('link', { name: /^Handlekurv/ }).click();
      await heading(page, 'Handlekurv');
      await page.getByText('Legg til vare som ikke finnes i katalogen').click();
      await page.getByLabel('Hva trenger du?').fill('Stiftemaskin til verkstedet');
      await spoilToken(page);
      await page.reload();
      await page.waitForURL(`${origin}/sign-in`);
      const said = await page.getByTestId('session-expired').innerText();
      expect(said).toContain('Innloggingen din er utløpt. Logg inn igjen, så kommer du tilbake til siden du var på.');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, '45-sign-in-expired');
      await page.getByRole('button', { name: 'Logg inn som Bjørn Bestiller' }).click();
      await page.waitForURL(`${origin}/cart`);
      await heading(page, 'Handlekurv');
      expect(await page.getByLabel('Hva trenger du?').inputValue()).toBe('Stiftemaskin til verkstedet');
      // Signing out takes the drafts with it.
      await page.getByRole('button', { name: 'Logg ut' }).click();
      await page.waitForURL(`${origin}/sign-in`);
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('torg.draft.')))).toEqual([]);

      // The approver's comment and the supplier's answer come back the same way (kept per user and record).
      const requester = await t.login('bestiller@nordby.example');
      await t.gql(requester, 'mutation { clearCart { id } }');
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '3' }]);
      await t.sql(`UPDATE approval_limit SET amount = 1 WHERE user_id = (SELECT id FROM app_user WHERE email = 'bestiller@nordby.example')`);
      await t.gql(requester, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', { i: { itemId: await publishedItem(t, 'KL-100'), quantity: '2' } });
      const submitted = await t.gql(requester, 'mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { status } } } }', {
        i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole },
      });
      expect(submitted.data.submitCart.requisitions[0].status).toBe('PENDING_APPROVAL');

      await signIn(page, 'Astrid Attestant');
      await page.getByRole('link', { name: 'Godkjenning' }).click();
      await heading(page, 'Til godkjenning');
      const firstCard = page.locator('[data-testid^=approval-REQ]').first();
      await firstCard.getByLabel('Kommentar til bestilleren').fill('Bruk rammeavtalen for papir neste gang');
      const approvalsUrl = page.url();
      await spoilToken(page);
      await page.reload();
      await page.waitForURL(`${origin}/sign-in`);
      await page.getByRole('button', { name: 'Logg inn som Astrid Attestant' }).click();
      await page.waitForURL(approvalsUrl);
      expect(await page.locator('[data-testid^=approval-REQ]').first().getByLabel('Kommentar til bestilleren').inputValue()).toBe('Bruk rammeavtalen for papir neste gang');
      await page.getByRole('button', { name: 'Logg ut' }).click();
      await page.waitForURL(`${origin}/sign-in`);

      await signIn(page, 'Kari Kontorland');
      await page.goto(`${origin}/supplier/orders/${order.id}`);
      await heading(page, `Ordre ${order.number}`);
      await page.locator('#answer-note').fill('Leveres fra lageret i Drammen');
      await spoilToken(page);
      await page.reload();
      await page.waitForURL(`${origin}/sign-in`);
      await page.getByRole('button', { name: 'Logg inn som Kari Kontorland' }).click();
      await page.waitForURL(`${origin}/supplier/orders/${order.id}`);
      await heading(page, `Ordre ${order.number}`);
      expect(await page.locator('#answer-note').inputValue()).toBe('Leveres fra lageret i Drammen');
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'keeps what was typed in the goods receipt, template name, delegation, despatch, catalogue review reason and agreement ceiling across an expired sign-in',
    async () => {
      // An order the supplier has accepted (the requester receives it, the supplier despatches it),
      // a catalogue line in the cart (the template form), a submitted catalogue version to review.
      const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '4' }]);
      const requester = await t.login('bestiller@nordby.example');
      await t.gql(requester, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', { i: { itemId: await publishedItem(t, 'KL-100'), quantity: '1' } });
      const agreement = await createAgreement(t, { reference: 'W-UTLOP' });
      const uploaded = await upload(t, agreement.id, Buffer.from('seller_item_id,name,unspsc,price,vat_rate,unit\nU-1,Kopipapir A4,14111507,50.00,25,PK\n'), 'v1.csv');
      expect(uploaded.status).toBe(201);
      const submitted = await t.gql(await t.login('katalog@kontorland.example'), SUBMIT, { id: uploaded.body.version.id });
      expect(submitted.data.submitCatalogueVersion.status).toBe('SUBMITTED');
      const versionId = uploaded.body.version.id as number;

      const { page, pageErrors, context } = await offlineContext(browser, origin);
      /** The sign-in expires on this page: reload, sign in again as `name`, and come back here. */
      const expireAndReturn = async (name: string) => {
        const here = page.url();
        await spoilToken(page);
        await page.reload();
        await page.waitForURL(`${origin}/sign-in`);
        await page.getByTestId('session-expired').waitFor();
        await page.getByRole('button', { name: `Logg inn som ${name}` }).click();
        await page.waitForURL(here);
      };
      const signOut = async () => {
        await page.getByRole('button', { name: 'Logg ut' }).click();
        await page.waitForURL(`${origin}/sign-in`);
      };

      // The requester: a template name in the cart, then a goods receipt on the order; the sign-in expires on the order.
      await signIn(page, 'Bjørn Bestiller');
      await page.goto(`${origin}/cart`);
      await heading(page, 'Handlekurv');
      await page.getByLabel('Navn på malen').fill('Papir til kontoret');
      await page.goto(`${origin}/my-orders/${order.id}`);
      await heading(page, `Bestilling ${order.number}`);
      const receipt = page.locator('section[aria-labelledby=receipt-heading]');
      await receipt.getByLabel(/^Antall mottatt av /).fill('3');
      await receipt.getByLabel('Merknad (valgfritt)').fill('En eske var våt');
      await expireAndReturn('Bjørn Bestiller');
      await heading(page, `Bestilling ${order.number}`);
      expect(await receipt.getByLabel(/^Antall mottatt av /).inputValue()).toBe('3');
      expect(await receipt.getByLabel('Merknad (valgfritt)').inputValue()).toBe('En eske var våt');
      await page.goto(`${origin}/cart`);
      await heading(page, 'Handlekurv');
      expect(await page.getByLabel('Navn på malen').inputValue()).toBe('Papir til kontoret');
      await signOut();

      // The approver: a delegation's period.
      await signIn(page, 'Astrid Attestant');
      await page.goto(`${origin}/approvals/delegations`);
      await heading(page, 'Stedfortreder');
      await page.getByLabel('Fra og med').fill('2099-09-01');
      await page.getByLabel('Til og med').fill('2099-09-30');
      await expireAndReturn('Astrid Attestant');
      await heading(page, 'Stedfortreder');
      expect([await page.getByLabel('Fra og med').inputValue(), await page.getByLabel('Til og med').inputValue()]).toEqual(['2099-09-01', '2099-09-30']);
      await signOut();

      // The supplier: a despatch's number and quantity.
      await signIn(page, 'Kari Kontorland');
      await page.goto(`${origin}/supplier/orders/${order.id}`);
      await heading(page, `Ordre ${order.number}`);
      await page.getByLabel('Forsendelsesnummer').fill('PAKK-77');
      await page.getByLabel(/^Sendt nå av linje 1/).fill('2');
      await expireAndReturn('Kari Kontorland');
      await heading(page, `Ordre ${order.number}`);
      expect([await page.getByLabel('Forsendelsesnummer').inputValue(), await page.getByLabel(/^Sendt nå av linje 1/).inputValue()]).toEqual(['PAKK-77', '2']);
      await signOut();

      // The purchasing unit: the agreement's ceiling, then the reason for rejecting its catalogue version; the sign-in expires on the review.
      await signIn(page, 'Ingrid Innkjøper');
      await page.goto(`${origin}/purchasing/agreements/${agreement.id}`);
      await heading(page, `Avtale ${agreement.reference}`);
      await page.getByLabel('Avtaletak i NOK').fill('75 000');
      await page.goto(`${origin}/purchasing/catalogue-versions/${versionId}`);
      await heading(page, 'Katalogversjon 1');
      await page.getByLabel('Begrunnelse for avvisning').fill('Prisene mangler miljømerking');
      await expireAndReturn('Ingrid Innkjøper');
      await heading(page, 'Katalogversjon 1');
      expect(await page.getByLabel('Begrunnelse for avvisning').inputValue()).toBe('Prisene mangler miljømerking');
      await page.goto(`${origin}/purchasing/agreements/${agreement.id}`);
      await heading(page, `Avtale ${agreement.reference}`);
      expect(await page.getByLabel('Avtaletak i NOK').inputValue()).toBe('75 000');
      // Nothing was sent on the way: the drafts are only drafts.
      expect(await t.sql(`SELECT value_ceiling FROM agreement WHERE id = $1`, [agreement.id])).toEqual([{ value_ceiling: null }]);
      expect(await t.sql(`SELECT count(*)::int AS n FROM despatch_advice WHERE order_id = $1`, [order.id])).toEqual([{ n: 0 }]);
      await signOut();
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('torg.draft.')))).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
