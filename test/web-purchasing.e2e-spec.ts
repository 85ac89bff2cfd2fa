/**
 * The purchasing unit's screens (issue 18) in a real headless Chromium against the real service
 * and its database: Ingrid Innkjøper pages through the agreements, opens one (participants, scope,
 * ceiling and headroom), rejects a submitted catalogue version with a reason, publishes another
 * whose price increase goes beyond the agreement's clause with an explicit override, and reads the
 * loyalty and leakage dashboards, whose figures must agree with the insight queries and whose CSV
 * is the export's. axe-core checks every screen for WCAG 2.1 A/AA; screenshots go to test-output/web/.
 */
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { osloToday } from '../src/platform/time/oslo-date';
import { createAgreement, publishFile, SUBMIT, upload } from './support/fixtures';
import { factsWritten, submitCart } from './support/insights';
import { COPY_PAPER_FROM_THE_SHOP } from './support/orders';
import { TestApp } from './support/test-app';
import { BROWSER_TEST_MS, describeWithBrowser, focused, focusOnHeading, heading, offlineContext, screenshot, wcagViolations, useBrowserApp } from './support/web-browser';

const PURCHASER = 'innkjoper@storby.example';
const SUPPLIER = 'katalog@kontorland.example';

const describeBrowser = describeWithBrowser('the purchasing unit browser test');

const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');
/** Text as the page shows it, with Intl's narrow and no-break spaces and its minus as plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');
const nok = (amount: string) => plain(new Intl.NumberFormat('nb-NO', { style: 'currency', currency: 'NOK', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(amount)));
const announced = (page: Page, text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ timeout: 30_000 });

/** A day `months` whole months before today (Norway). */
function monthsAgo(months: number): string {
  const [y, m, d] = osloToday().split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

/** A table's body rows as the cells' text. */
async function rowsOf(page: Page, testId: string): Promise<string[][]> {
  const rows = page.getByTestId(testId).locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((s) => plain(s).trim()));
  return out;
}

describeBrowser('the purchasing unit in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let rejectAgreement: { id: number; reference: string };
  let publishAgreement: { id: number; reference: string };
  let toReject: number;
  let toPublish: number;
  let kontorland2025: number;

  const as = async (email: string, query: string, variables?: Record<string, unknown>) => t.gql(await t.login(email), query, variables);
  const submitVersion = async (agreementId: number, rows: string[]) => {
    const res = await upload(t, agreementId, csv(rows), 'v2.csv');
    expect(res.status).toBe(201);
    const sub = await as(SUPPLIER, SUBMIT, { id: res.body.version.id });
    expect(sub.data.submitCatalogueVersion.status).toBe('SUBMITTED');
    return res.body.version.id as number;
  };

  useBrowserApp((app) => ({ t, browser, origin } = app));
  beforeAll(async () => {
    [{ id: kontorland2025 }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);
    const ceiling = await as(PURCHASER, 'mutation($a: Int!) { setAgreementCeiling(agreementId: $a, valueCeiling: "10000") { id } }', { a: kontorland2025 });
    expect(ceiling.errors).toBeUndefined();
    // Enough agreements for a second page (ten a page, newest first: the demo's are on page 2).
    for (let i = 1; i <= 5; i++) await createAgreement(t, { reference: `W-FYLL-${i}` });
    // One agreement whose new version is to be rejected, one whose version raises a price beyond its 3 % clause.
    rejectAgreement = await createAgreement(t, { reference: 'W-AVVIS' });
    await publishFile(t, rejectAgreement.id, csv(['R-1,Kopipapir A4,14111507,50.00,25,PK', 'R-2,Kulepenn,44121704,10.00,25,EA']), 'v1.csv');
    toReject = await submitVersion(rejectAgreement.id, ['R-1,Kopipapir A4,14111507,55.00,25,PK', 'R-3,Ringperm,44122000,30.00,25,EA']);
    publishAgreement = await createAgreement(t, { reference: 'W-KLAUSUL', validFrom: monthsAgo(13) });
    const clause = await as(PURCHASER, 'mutation($i: SetAgreementPriceClauseInput!) { setAgreementPriceClause(input: $i) { id } }', {
      i: { agreementId: publishAgreement.id, maxIncrease: { percent: '3', periodMonths: 12, reference: 'AGREEMENT_START' } },
    });
    expect(clause.errors).toBeUndefined();
    await publishFile(t, publishAgreement.id, csv(['P-1,Kopipapir A4,14111507,100.00,25,PK', 'P-2,Saks,44121618,10.00,25,EA']), 'v1.csv');
    toPublish = await submitVersion(publishAgreement.id, ['P-1,Kopipapir A4,14111507,120.00,25,PK', 'P-2,Saks,44121618,9.00,25,EA', 'P-3,Linjal,44121618,5.00,25,EA']);

    // Spend for the dashboards: on the agreement, and off it (a free-text line from a shop).
    await submitCart(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
    await submitCart(t, [COPY_PAPER_FROM_THE_SHOP]);
    await factsWritten(t);
  }, 600_000);

  it('serves every new screen at its own address, never over the server’s paths', async () => {
    for (const path of ['/purchasing/agreements', `/purchasing/agreements/${kontorland2025}`, `/purchasing/catalogue-versions/${toReject}`, '/purchasing/dashboards']) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect([path, res.status, res.text.includes('<div id="root">')]).toEqual([path, 200, true]);
    }
  });

  it(
    'walks agreements → agreement → catalogue review (reject, then publish over the price clause) → dashboards → CSV, each screen free of WCAG 2.1 A/AA violations',
    async () => {
      const { page, pageErrors, elsewhere, context } = await offlineContext(browser, origin);
      await page.goto(`${origin}/sign-in`);
      await heading(page, 'Logg inn');
      await page.getByRole('button', { name: 'Logg inn som Ingrid Innkjøper' }).click();

      // The agreements: the purchasing unit starts here; ten a page, newest first.
      await page.waitForURL(`${origin}/purchasing/agreements`);
      expect(await heading(page, 'Avtaler')).toBe('Avtaler');
      expect(await focusOnHeading(page)).toBe('H1 Avtaler');
      const list = page.getByTestId('agreements');
      await list.getByRole('link', { name: 'W-KLAUSUL' }).waitFor();
      expect(await list.locator('tbody tr').count()).toBe(10);
      expect(await list.getByRole('link', { name: '2025-001' }).count()).toBe(0);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-01-agreements');
      await page.getByRole('button', { name: 'Neste' }).click();
      await list.getByRole('link', { name: '2025-001' }).waitFor();
      const row = list.getByRole('row', { name: /2025-001/ });
      expect(plain(await row.innerText())).toContain(nok('10000'));

      // The agreement page: parties, scope, mandatory, validity, ceiling with what is used and left.
      await row.getByRole('link', { name: '2025-001' }).click();
      expect(await heading(page, 'Avtale 2025-001')).toBe('Avtale 2025-001');
      expect(await focusOnHeading(page)).toBe('H1 Avtale 2025-001');
      const api = (await as(PURCHASER, 'query($id: Int!) { agreement(id: $id) { committed invoiced remainingHeadroom participants { name } scope { code title } } }', { id: kontorland2025 })).data
        .agreement;
      expect(await page.getByTestId('participants').innerText()).toContain(api.participants[0].name);
      const scope = await page.getByTestId('scope').innerText();
      for (const s of api.scope) expect(scope).toContain(`${s.code} ${s.title}`);
      const facts = plain(await page.getByTestId('agreement-facts').innerText());
      expect(facts).toContain('Kontorland AS');
      expect(facts).toContain('Ja – bestillere må begrunne kjøp utenfor avtalen');
      expect(facts).toContain('01.01.2025–31.12.2028');
      const ceiling = plain(await page.getByTestId('ceiling').innerText());
      expect(Number(api.committed)).toBeGreaterThan(0);
      for (const figure of [nok('10000'), nok(api.committed), nok(api.remainingHeadroom)]) expect(ceiling).toContain(figure);
      expect(await page.getByTestId('catalogue-versions').innerText()).toMatch(/Publisert/);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-02-agreement');

      // A submitted version to reject: its review, and a reason that is required.
      await page.goto(`${origin}/purchasing/agreements/${rejectAgreement.id}`);
      expect(await heading(page, `Avtale ${rejectAgreement.reference}`)).toBe(`Avtale ${rejectAgreement.reference}`);
      expect(await page.getByTestId('version-2').innerText()).toContain('Til godkjenning');
      await page.getByRole('link', { name: 'Gjennomgå versjon 2' }).click();
      expect(await heading(page, 'Katalogversjon 2')).toBe('Katalogversjon 2');
      expect(await focusOnHeading(page)).toBe('H1 Katalogversjon 2');
      await page.getByTestId('review-changes').waitFor();
      const summary = plain(await page.getByTestId('review-summary').innerText());
      expect(summary).toMatch(/Nye varer\s*1\b/);
      expect(summary).toMatch(/Fjernede varer\s*1\b/);
      expect(summary).toMatch(/Endrede varer\s*1\b/);
      expect(await rowsOf(page, 'review-changes')).toEqual(
        expect.arrayContaining([['R-1', 'Kopipapir A4', 'Endret', 'pris', nok('50'), nok('55'), '+10,0 %', '–'], expect.arrayContaining(['R-2', 'Fjernet']), expect.arrayContaining(['R-3', 'Ny'])]),
      );
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-03-review');
      await page.getByRole('button', { name: 'Avvis' }).click();
      await page.getByText('Skriv en begrunnelse for avvisningen (minst 3 tegn).').waitFor();
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByLabel('Begrunnelse for avvisning').fill('Ringpermen er ikke en del av avtalen');
      await page.getByRole('button', { name: 'Avvis' }).click();
      await announced(page, 'Versjon 2 er avvist.');
      await page.getByTestId('review-decided').filter({ hasText: 'avvist' }).waitFor();
      const rejected = await as(PURCHASER, 'query($id: Int!) { catalogueVersion(id: $id) { status rejectionReason } }', { id: toReject });
      expect(rejected.data.catalogueVersion).toEqual({ status: 'REJECTED', rejectionReason: 'Ringpermen er ikke en del av avtalen' });

      // A version raising a price beyond the 3 % clause: flagged, and published only with an override and its reason.
      await page.goto(`${origin}/purchasing/catalogue-versions/${toPublish}`);
      expect(await heading(page, 'Katalogversjon 2')).toBe('Katalogversjon 2');
      expect(await page.getByTestId('price-clause').innerText()).toContain('1 prisøkning går ut over klausulen');
      expect(plain((await rowsOf(page, 'review-changes')).find((r) => r[0] === 'P-1')!.join(' | '))).toMatch(/\+20,0 % \| 20 % over grunnprisen \(tillatt 3 %, høyst 103,00 kr\)$/);
      await page.getByRole('button', { name: 'Publiser' }).click();
      await page.getByText('Kryss av for å overstyre prisklausulen og skriv en begrunnelse før du publiserer.').waitFor();
      await page.getByLabel('Overstyr prisklausulen og publiser likevel').check();
      await page.getByRole('button', { name: 'Publiser' }).click();
      await page.getByText('Skriv en begrunnelse for overstyringen (minst 3 tegn).').waitFor();
      expect(await page.getByLabel('Overstyr prisklausulen og publiser likevel').isChecked()).toBe(true);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-04-review-override');
      await page.getByLabel('Begrunnelse for overstyringen').fill('Avtalt i forhandlingsmøte, sak 26/1234');
      await page.getByRole('button', { name: 'Publiser' }).click();
      await announced(page, 'Versjon 2 er publisert.');
      await page.getByTestId('review-decided').filter({ hasText: 'publisert' }).waitFor();
      const published = await as(PURCHASER, 'query($a: Int!) { catalogueVersions(agreementId: $a) { edges { node { id versionNo status } } } }', { a: publishAgreement.id });
      expect(published.data.catalogueVersions.edges.map((e: any) => [e.node.versionNo, e.node.status])).toEqual([
        [2, 'PUBLISHED'],
        [1, 'SUPERSEDED'],
      ]);

      // The dashboards: loaded when opened; figures agree with the insight queries.
      await page.getByRole('link', { name: 'Lojalitet og lekkasje' }).click();
      await page.waitForURL(`${origin}/purchasing/dashboards`);
      expect(await heading(page, 'Lojalitet og lekkasje')).toBe('Lojalitet og lekkasje');
      expect(await focusOnHeading(page)).toBe('H1 Lojalitet og lekkasje');
      await page.getByTestId('loyalty-table').waitFor();
      await page.getByTestId('leakage-table').waitFor();
      const loyaltyQuery = 'query($f: InsightFilter) { insightLoyalty(filter: $f) { period total onAgreement notCovered offAgreement offCatalogue } }';
      const leakageQuery = 'query($f: InsightFilter) { insightLeakage(filter: $f) { supplierName amount potentialSaving lines } }';
      const expectFigures = async (filter: Record<string, unknown>) => {
        const loyalty = (await as(PURCHASER, loyaltyQuery, { f: { ...filter, groupBy: ['PERIOD'] } })).data.insightLoyalty;
        const shown = await rowsOf(page, 'loyalty-table');
        expect(shown.length).toBe(loyalty.length);
        expect(loyalty.length).toBeGreaterThan(0);
        const [last] = loyalty.slice(-1);
        expect(shown[shown.length - 1].slice(1, 5)).toEqual([nok(last.onAgreement), nok(String(Number(last.offAgreement) + Number(last.offCatalogue))), nok(last.notCovered), nok(last.total)]);
        const leakage = (await as(PURCHASER, leakageQuery, { f: { ...filter, groupBy: ['SUPPLIER'] } })).data.insightLeakage;
        const leaked = await rowsOf(page, 'leakage-table');
        expect(leaked.map((r) => r.slice(0, 3)).sort()).toEqual(leakage.map((r: any) => [r.supplierName ?? '(uten navn)', nok(r.amount), nok(r.potentialSaving)]).sort());
        return { loyalty, leakage };
      };
      const all = await expectFigures({});
      expect(all.leakage.map((r: any) => r.supplierName)).toContain('Nærbutikken');
      expect(await page.getByTestId('loyalty-chart').getAttribute('role')).toBe('img');
      expect(await page.getByTestId('leakage-chart').getAttribute('aria-label')).toContain('Stolpediagram');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-05-dashboards');

      // A filter: Nordby skole and what is below it, kept in the address.
      const [{ id: skole }] = await t.sql(`SELECT id FROM organisation WHERE name = 'Nordby skole'`);
      await page.getByLabel('Virksomhet (med underliggende)', { exact: true }).and(page.locator('input')).fill('Nordby');
      await page.getByRole('option', { name: 'Nordby skole (911000024)' }).click();
      await page.getByLabel('Fra dato').fill('2020-01-01');
      await page.getByRole('button', { name: 'Vis', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('org') === String(skole) && url.searchParams.get('from') === '2020-01-01');
      await page.getByTestId('loyalty-table').waitFor();
      await expectFigures({ organisationId: skole, from: '2020-01-01' });

      // The CSV export of the same report and filter, fetched with the token.
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Last ned CSV: lekkasje per leverandør' }).click();
      const file = await downloading;
      expect(file.suggestedFilename()).toBe('leakage.csv');
      const downloaded = readFileSync(await file.path(), 'utf8');
      const direct = await t.http.get(`/insights/leakage.csv?groupBy=SUPPLIER&from=2020-01-01&organisationId=${skole}`).set('Authorization', `Bearer ${await t.login(PURCHASER)}`);
      expect(direct.status).toBe(200);
      expect(downloaded).toBe(direct.text);
      expect(downloaded).toContain('Nærbutikken');
      await announced(page, 'leakage.csv er lastet ned.');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-06-dashboards-filtered');

      // A period that ends before it starts is refused where it was typed, and nothing is fetched.
      await page.getByLabel('Til dato').fill('2019-01-01');
      await page.getByRole('button', { name: 'Vis', exact: true }).click();
      await page.getByText('Fra dato kan ikke være etter til dato.').waitFor();
      expect(new URL(page.url()).searchParams.get('to')).toBeNull();
      expect(await page.getByLabel('Til dato').inputValue()).toBe('2019-01-01');

      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
  // Issue 18, later additions: the agreement's terms set on its page, and the dashboards' new charts and pickers.
  const signIn = async () => {
    const ctx = await offlineContext(browser, origin);
    await ctx.page.goto(`${origin}/sign-in`);
    await heading(ctx.page, 'Logg inn');
    await ctx.page.getByRole('button', { name: 'Logg inn som Ingrid Innkjøper' }).click();
    await ctx.page.waitForURL(`${origin}/purchasing/agreements`);
    return ctx;
  };
  const termsOf = async (id: number) =>
    (
      await as(
        PURCHASER,
        'query($id: Int!) { agreement(id: $id) { valueCeiling remainingHeadroom priceClause { kind maxIncreasePercent periodMonths reference indexName baseIndexValue indexSharePercent } } }',
        { id },
      )
    ).data.agreement;

  it(
    'sets an agreement’s ceiling typed the Norwegian way and its price clause on the agreement page, with errors summarised and nothing typed lost, axe-clean',
    async () => {
      const { page, pageErrors, elsewhere, context } = await signIn();
      await page.goto(`${origin}/purchasing/agreements/${rejectAgreement.id}`);
      expect(await heading(page, `Avtale ${rejectAgreement.reference}`)).toBe(`Avtale ${rejectAgreement.reference}`);
      expect(plain(await page.getByTestId('ceiling').innerText())).toContain('Avtalen har ikke noe tak.');
      expect(await page.getByTestId('price-clause-text').innerText()).toBe('Avtalen har ingen prisjusteringsklausul: prisøkninger begrenses ikke.');

      // Three decimals: refused where it was typed and in the summary (focused), nothing sent, the text kept.
      const amount = page.getByLabel('Avtaletak i NOK');
      await amount.fill('12 500,505');
      await page.getByRole('button', { name: 'Lagre taket' }).click();
      const summary = page.getByTestId('ceiling-errors');
      await summary.waitFor();
      expect(await summary.evaluate((el) => el === el.ownerDocument.activeElement || el.contains(el.ownerDocument.activeElement))).toBe(true);
      await summary.getByRole('link', { name: 'Taket kan ha høyst to desimaler.' }).waitFor();
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await amount.inputValue()).toBe('12 500,505');
      expect((await termsOf(rejectAgreement.id)).valueCeiling).toBeNull();
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-07-ceiling-error');

      // Corrected: sent exactly, announced, and the figures beside show the server's.
      await amount.fill('12 500,50');
      await page.getByRole('button', { name: 'Lagre taket' }).click();
      await announced(page, `Avtaletaket er lagret: ${nok('12500.50')}.`);
      const saved = await termsOf(rejectAgreement.id);
      expect(saved.valueCeiling).toBe('12500.50');
      await page.getByTestId('ceiling').filter({ hasText: 'Gjenstår under taket' }).waitFor();
      const ceiling = plain(await page.getByTestId('ceiling').innerText());
      expect(ceiling).toContain(nok('12500.50'));
      expect(ceiling).toContain(nok(saved.remainingHeadroom));
      expect(plain(await amount.inputValue())).toBe('12 500,5');

      // The price clause: a missing percent and a period out of range, then a maximum increase of 2,5 % per 6 months.
      const percent = page.getByLabel('Største økning i prosent');
      await page.getByLabel('Periode i måneder').fill('61');
      await page.getByRole('button', { name: 'Lagre prisklausulen' }).click();
      const clauseErrors = page.getByTestId('clause-errors');
      await clauseErrors.getByRole('link', { name: 'Skriv hvor mange prosent prisene høyst kan øke.' }).waitFor();
      await clauseErrors.getByRole('link', { name: 'Perioden må være et helt antall måneder fra 1 til 60.' }).waitFor();
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-08-clause-errors');
      await percent.fill('2,5');
      await page.getByLabel('Periode i måneder').fill('6');
      await page.getByLabel('Periodene regnes fra').selectOption('LAST_PUBLISH');
      await page.getByRole('button', { name: 'Lagre prisklausulen' }).click();
      await announced(page, 'Prisklausulen er lagret.');
      expect((await termsOf(rejectAgreement.id)).priceClause).toEqual({
        kind: 'MAX_INCREASE',
        maxIncreasePercent: '2.50',
        periodMonths: 6,
        reference: 'LAST_PUBLISH',
        indexName: null,
        baseIndexValue: null,
        indexSharePercent: null,
      });
      await page.getByTestId('price-clause-text').filter({ hasText: 'Høyst 2,5 % økning per 6 måneder, regnet fra sist publiserte katalog.' }).waitFor();

      // Replaced by an index clause (KPI at 131,2, 80 % of the change).
      await page.getByLabel('Indeksregulering (for eksempel KPI)').check();
      await page.getByLabel('Indeks', { exact: true }).fill('KPI (SSB tabell 03013)');
      await page.getByLabel('Dato for grunnverdien').fill('2025-01-01');
      await page.getByLabel('Indeksens grunnverdi').fill('131,2');
      await page.getByLabel('Andel av endringen prisene kan følge, i prosent').fill('80');
      expect(await wcagViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Lagre prisklausulen' }).click();
      await announced(page, 'Prisklausulen er lagret.');
      // The same announcement followed the first save and may still be shown: wait for the new clause on the page before asking the API.
      await page.getByTestId('price-clause-text').filter({ hasText: 'KPI (SSB tabell 03013)' }).waitFor();
      expect((await termsOf(rejectAgreement.id)).priceClause).toMatchObject({ kind: 'INDEX', indexName: 'KPI (SSB tabell 03013)', baseIndexValue: '131.20', indexSharePercent: '80.00' });
      await screenshot(page, 'purchasing-09-terms-saved');

      // Removing the ceiling: an empty field.
      await amount.fill('');
      await page.getByRole('button', { name: 'Lagre taket' }).click();
      await announced(page, 'Avtaletaket er fjernet.');
      expect((await termsOf(rejectAgreement.id)).valueCeiling).toBeNull();

      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'shows spend per supplier and ceiling use as charts with their figures and CSV, and picks any of 150 more organisations by typing, axe-clean',
    async () => {
      // 150 more schools under Storby kommune (a participant of the demo agreements): more than a page of the picker.
      const [{ id: kommune }] = await t.sql(`SELECT id FROM organisation WHERE name = 'Storby kommune'`);
      await t.sql(
        `INSERT INTO organisation (name, org_number, kind, parent_id)
         SELECT 'Storby skole ' || lpad(n::text, 3, '0'), (800000000 + n)::text, 'BUYER', $1 FROM generate_series(1, 150) n`,
        [kommune],
      );
      const { page, pageErrors, elsewhere, context } = await signIn();
      await page.goto(`${origin}/purchasing/dashboards`);
      expect(await heading(page, 'Lojalitet og lekkasje')).toBe('Lojalitet og lekkasje');
      await page.getByTestId('spend-table').waitFor();
      await page.getByTestId('ceiling-table').waitFor();

      const spend = (await as(PURCHASER, 'query { insightSpend(filter: { groupBy: [SUPPLIER] }) { supplierName amount documents lines } }')).data.insightSpend;
      expect(spend.length).toBeGreaterThan(0);
      expect((await rowsOf(page, 'spend-table')).sort()).toEqual(spend.map((r: any) => [r.supplierName ?? '(uten navn)', nok(r.amount), String(r.documents), String(r.lines)]).sort());
      const use = (await as(PURCHASER, 'query { insightCeilingUse(filter: { groupBy: [AGREEMENT] }) { reference currency ceiling committed orderedHere used } }')).data.insightCeilingUse;
      const withCeiling = use.find((r: any) => r.reference === '2025-001');
      expect([withCeiling.ceiling, withCeiling.currency]).toEqual(['10000.00', 'NOK']);
      const shownUse = await rowsOf(page, 'ceiling-table');
      expect(shownUse.map((r) => r[0]).sort()).toEqual(use.map((r: any) => r.reference).sort());
      const row = shownUse.find((r) => r[0] === '2025-001')!;
      expect(row.slice(1, 3)).toEqual([nok(withCeiling.ceiling), nok(withCeiling.committed)]);
      expect(row[5]).toBe(nok(withCeiling.orderedHere));
      expect(await page.getByTestId('spend-chart').getAttribute('role')).toBe('img');
      // The demo's agreements are all in kroner: one chart, which says so.
      expect(await page.getByTestId('ceiling-chart').getAttribute('aria-label')).toContain('Stolpediagram i NOK');
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-10-spend-and-ceiling');

      // The ceiling-use CSV is the export's.
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Last ned CSV: bruk av avtaletak' }).click();
      const file = await downloading;
      expect(file.suggestedFilename()).toBe('ceiling-use.csv');
      const direct = await t.http.get('/insights/ceiling-use.csv?groupBy=AGREEMENT').set('Authorization', `Bearer ${await t.login(PURCHASER)}`);
      expect(direct.status).toBe(200);
      expect(readFileSync(await file.path(), 'utf8')).toBe(direct.text);
      expect(direct.text).toContain('2025-001');

      // The organisation picker asks the server: 20 of 151 schools, then 20 more, then one found by typing.
      // The field, not its list: once focused, the list (a listbox) carries the field's label too.
      const org = page.getByLabel('Virksomhet (med underliggende)', { exact: true }).and(page.locator('input'));
      // Where the field is on the page (not in the viewport: filling it scrolls it into view).
      // (Run in the browser: the Nest program has no DOM types.)
      const fieldTop = () => org.evaluate((el) => (el as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top + (globalThis as unknown as { scrollY: number }).scrollY);
      const topBefore = await fieldTop();
      await org.fill('skole');
      await page.getByRole('option', { name: 'Storby skole 019 (800000019)' }).waitFor();
      await page.getByText('Viser 20 av 151 for «skole».').waitFor();
      // The count line and its button appeared above the field without moving it (their row was kept for them).
      expect(await fieldTop()).toBe(topBefore);
      // What shows of the count fits the 16rem column whole, beside its button: nothing cut off (the live region above has the searched text too).
      const seenCount = page.getByTestId('organisation-picker-count');
      const fit = () => seenCount.evaluate((el) => ({ text: el.textContent, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      expect(await fit()).toEqual({ text: 'Viser 20 av 151.', scrollWidth: expect.any(Number), clientWidth: expect.any(Number) });
      const before = await fit();
      expect(before.clientWidth).toBeGreaterThan(0);
      expect(before.scrollWidth).toBeLessThanOrEqual(before.clientWidth);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-11-organisation-picker');
      await page.getByRole('button', { name: 'Vis flere valg for Virksomhet (med underliggende)' }).click();
      // The field lost its text to the button (the list empties it when nothing is chosen), not the answers.
      await page.getByText('Viser 40 av 151 for «skole».').waitFor();
      const after = await fit();
      expect([after.text, after.scrollWidth <= after.clientWidth]).toEqual(['Viser 40 av 151.', true]);
      await page.getByRole('option', { name: 'Storby skole 039 (800000039)', includeHidden: true }).waitFor({ state: 'attached' });
      await org.fill('skole 149');
      const school149Option = page.getByRole('option', { name: 'Storby skole 149 (800000149)' });
      await school149Option.waitFor(); // the answer to "skole 149" is in
      // What the picker asks the server from here on: picking must not start a search of its own.
      const orgSearches: unknown[] = [];
      page.on('request', (r) => {
        const body = r.url().endsWith('/graphql') ? r.postDataJSON() : null;
        if (body?.operationName === 'InsightOrganisations' && body.variables.search) orgSearches.push(body.variables);
      });
      await school149Option.click();
      expect(await org.inputValue()).toBe('Storby skole 149 (800000149)');
      // The segment picker: every segment of the code set, narrowed as one types.
      const segment = page.getByLabel('Varesegment (UNSPSC)', { exact: true }).and(page.locator('input'));
      await segment.fill('44');
      await page.getByRole('option', { name: /^44 / }).first().click();
      await page.getByRole('button', { name: 'Vis', exact: true }).click();
      const [{ id: school149 }] = await t.sql(`SELECT id FROM organisation WHERE name = 'Storby skole 149'`);
      await page.waitForURL((url) => url.searchParams.get('org') === String(school149) && url.searchParams.get('segment') === '44000000');
      // The school has bought nothing: every report says so; the picker shows the school by name after the reload.
      await page.getByTestId('spend-report').getByText('Ingen innkjøp i utvalget.').waitFor();
      // Well past the picker's pause after typing (200 ms): a search the pick had started would have gone out.
      await page.waitForTimeout(1000);
      expect(orgSearches).toEqual([]);
      await page.reload();
      await page.getByTestId('spend-report').getByText('Ingen innkjøp i utvalget.').waitFor();
      // A single choice shows as the field's value (its <data> chip is hidden in single mode).
      await page.waitForFunction((field) => (field as unknown as { value: string }).value === 'Storby skole 149 (800000149)', await org.elementHandle());
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-12-dashboards-picked');

      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'draws the ten biggest suppliers and sums the rest, and pages the spend table ten at a time, forward and back with the keyboard, axe-clean',
    async () => {
      // Twelve more suppliers outside Torg (free-text lines, one cart within the requester's limit), each a different amount.
      const shops = Array.from({ length: 12 }, (_, i) => ({ name: `Sidebutikk ${String(i + 1).padStart(2, '0')}`, price: (101.37 + 10 * i).toFixed(2) }));
      await submitCart(
        t,
        shops.map((s) => ({
          freeText: {
            description: `Tusj fra ${s.name}`,
            unspscCode: '14111507',
            quantity: '1',
            unitCode: 'EA',
            estimatedPrice: s.price,
            preferredSupplierName: s.name,
            justification: { code: 'URGENT_NEED', text: 'Trengs til eksamen' },
          },
        })),
      );
      await factsWritten(t);
      const spend = (await as(PURCHASER, 'query { insightSpend(filter: { groupBy: [SUPPLIER] }) { supplierName amount documents lines } }')).data.insightSpend;
      // The demo's supplier, Nærbutikken and the twelve: two pages.
      expect(spend.length).toBeGreaterThan(10);
      expect(spend.length).toBeLessThanOrEqual(20);
      expect(new Set(spend.map((r: any) => r.amount)).size).toBe(spend.length); // no ties: the order is the amounts'
      const row = (r: any) => [r.supplierName ?? '(uten navn)', nok(r.amount), String(r.documents), String(r.lines)];
      const biggestFirst = [...spend].sort((a: any, b: any) => Number(b.amount) - Number(a.amount)).map(row);

      const { page, pageErrors, elsewhere, context } = await signIn();
      await page.goto(`${origin}/purchasing/dashboards`);
      expect(await heading(page, 'Lojalitet og lekkasje')).toBe('Lojalitet og lekkasje');
      const table = page.getByTestId('spend-table');
      await table.waitFor();
      const total = nok(spend.reduce((sum: number, r: any) => sum + Number(r.amount), 0).toFixed(2));
      expect(plain(await page.getByTestId('spend-suppliers').innerText())).toBe(
        `${spend.length} leverandører, til sammen ${total}. Diagrammet viser de 10 største; de ${spend.length - 10} andre er samlet i én stolpe.`,
      );
      expect(await rowsOf(page, 'spend-table')).toEqual(biggestFirst.slice(0, 10));
      expect(plain(await table.locator('caption').innerText())).toBe(`Innkjøp per leverandør (leverandør 1–10 av ${spend.length})`);

      // Forward with the keyboard: Tab from the table's last row reaches the pager; Enter on «Neste».
      const pager = page.getByRole('navigation', { name: 'Sider i Innkjøp per leverandør' });
      const next = pager.getByRole('button', { name: 'Neste' });
      const previous = pager.getByRole('button', { name: 'Forrige' });
      expect(await previous.isDisabled()).toBe(true);
      await pager.getByRole('button', { name: 'Side 1' }).focus();
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('BUTTON Neste');
      await page.keyboard.press('Enter');
      await table.locator('caption', { hasText: `(leverandør 11–${spend.length} av ${spend.length})` }).waitFor();
      expect(await rowsOf(page, 'spend-table')).toEqual(biggestFirst.slice(10));
      expect(await next.isDisabled()).toBe(true);
      await pager.getByRole('button', { name: 'Side 2' }).waitFor();
      expect(await wcagViolations(page)).toEqual([]);
      await screenshot(page, 'purchasing-13-spend-page-2');

      // And back: from where «Neste» was, Shift+Tab twice reaches «Forrige»; Enter shows the first ten again.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('BUTTON Forrige');
      await page.keyboard.press('Enter');
      await table.locator('caption', { hasText: '(leverandør 1–10 av' }).waitFor();
      expect(await rowsOf(page, 'spend-table')).toEqual(biggestFirst.slice(0, 10));
      expect(await next.isDisabled()).toBe(false);
      expect(await wcagViolations(page)).toEqual([]);

      expect(pageErrors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
