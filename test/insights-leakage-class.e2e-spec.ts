import { factsWritten, submitCart } from './support/insights';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Leakage beyond the anchors (issue 16 §4): for an off-agreement line the cheapest agreement item
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
