import { factsWritten, submitCart } from './support/insights';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Insights by the dimensions insights.e2e-spec does not group by (issue 16 §4): agreement, and
 * UNSPSC family, class and commodity; and leakage beyond the anchors, the cheapest agreement item
 * in the same commodity, "else class". Ballpoint pens (44121704) are on Kontorland's agreement in
 * boxes (BX) only, so 4 packs (PK) bought outside have no alternative in their commodity and unit;
 * the class 441217 (writing instruments) has packs, the cheapest the pencils KL-148 at 32.57.
 * (insights.e2e-spec shows the commodity level.)
 */
let t: TestApp;
let purchaser: string;
beforeAll(async () => {
  t = await startTestApp();
  purchaser = await t.login('innkjoper@storby.example');
  const freeText = (description: string, unspscCode: string, unitCode: string) => ({
    freeText: { description, unspscCode, quantity: '4', unitCode, estimatedPrice: '50', preferredSupplierName: 'Nærbutikken', justification: { code: 'URGENT_NEED', text: 'Til eksamen' } },
  });
  await submitCart(t, [freeText('Kulepenner fra nærbutikken', '44121704', 'PK')]);
  await submitCart(t, [freeText('Kulepenner i eske fra nærbutikken', '44121704', 'BX')]);
  await submitCart(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await factsWritten(t);
}, 180_000);
afterAll(() => t?.close());

it('falls back to the cheapest agreement item of the class (and unit) when the commodity has none, and says so', async () => {
  const res = await t.gql(purchaser, `query($f: InsightFilter) { insightOffAgreementLines(filter: $f) { unspscCode amount alternativeName alternativeUnitPrice alternativeLevel potentialSaving } }`, {
    f: { unspscCode: '44121704' },
  });
  expect(res.errors).toBeUndefined();
  const lines = res.data.insightOffAgreementLines;
  expect(lines).toHaveLength(2);
  expect(lines).toEqual(
    expect.arrayContaining([
      // 4 PK at 50.00: no pack of ballpoint pens on the agreement, so the class's cheapest pack: 4 × (50.00 − 32.57) = 69.72.
      { unspscCode: '44121704', amount: '200.00', alternativeName: 'Blyant HB med viskelær 12 stk', alternativeUnitPrice: '32.57', alternativeLevel: 'CLASS', potentialSaving: '69.72' },
      // 4 BX at 50.00: the commodity has boxes (the cheapest KL-139 at 106.92), so no class fallback; dearer than paid, so nothing saved.
      { unspscCode: '44121704', amount: '200.00', alternativeName: 'Kulepenn rød 1,0 mm 50 stk', alternativeUnitPrice: '106.92', alternativeLevel: 'COMMODITY', potentialSaving: '0.00' },
    ]),
  );
});

it('groups spend and loyalty by agreement, and by category at the family and commodity levels (issue 16 §4)', async () => {
  const [{ id: agreementId }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);
  const ask = async (f: object) =>
    (
      await t.gql(
        purchaser,
        `query($f: InsightFilter) { spend: insightSpend(filter: $f) { agreementId category amount lines } loyalty: insightLoyalty(filter: $f) { agreementId category onAgreement offAgreement } }`,
        { f },
      )
    ).data;
  // 10 × KL-100 (14111507) on agreement 2025-001: 450.70; the two free-text lines of pens (44121704), on none: 400.00.
  const byAgreement = await ask({ groupBy: ['AGREEMENT'] });
  expect(byAgreement.spend).toEqual([
    { agreementId, category: null, amount: '450.70', lines: 1 },
    { agreementId: null, category: null, amount: '400.00', lines: 2 },
  ]);
  expect(byAgreement.loyalty).toEqual([
    { agreementId, category: null, onAgreement: '450.70', offAgreement: '0.00' },
    { agreementId: null, category: null, onAgreement: '0.00', offAgreement: '400.00' },
  ]);
  for (const [unspscLevel, paper, pens] of [
    ['FAMILY', '14110000', '44120000'],
    ['CLASS', '14111500', '44121700'],
    ['COMMODITY', '14111507', '44121704'],
  ]) {
    const byCategory = await ask({ groupBy: ['CATEGORY'], unspscLevel });
    expect([unspscLevel, byCategory.spend]).toEqual([
      unspscLevel,
      [
        { agreementId: null, category: paper, amount: '450.70', lines: 1 },
        { agreementId: null, category: pens, amount: '400.00', lines: 2 },
      ],
    ]);
  }
});
