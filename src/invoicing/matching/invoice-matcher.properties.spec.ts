import Decimal from 'decimal.js';
import fc from 'fast-check';
import { amountOf, invoice, invoiceLine, orderLine, policy } from '../../../test/support/match-facts';
import { matchInvoice } from './invoice-matcher';
import type { MatchInput, MatchMode, MatchResult, OrderLineFacts, Tolerance } from './match-types';

/** Decimal text of `scaled` / 10^scale. */
const scaled = (n: bigint, scale: number) => new Decimal(n.toString()).div(new Decimal(10).pow(scale)).toFixed();

/** Quantities up to 10,000 with 3 decimals, prices 0.0001 to 100,000 with 4. */
const quantity = fc.bigInt({ min: 1n, max: 10_000_000n }).map((n) => scaled(n, 3));
const price = fc.bigInt({ min: 1n, max: 1_000_000_000n }).map((n) => scaled(n, 4));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const percent = fc.bigInt({ min: 0n, max: 2000n }).map((n) => scaled(n, 2));
const nok = fc.bigInt({ min: 0n, max: 10000n }).map((n) => scaled(n, 2));
const rule = fc.constantFrom('TIGHTER' as const, 'LOOSER' as const);
const tolerance: fc.Arbitrary<Tolerance> = fc.record({
  pricePercent: maybe(percent),
  priceAbsolute: maybe(nok),
  priceRule: rule,
  quantityPercent: percent,
  totalPercent: maybe(percent),
  totalAbsolute: maybe(nok),
  totalRule: rule,
});
const mode = fc.constantFrom<MatchMode>('TWO_WAY', 'THREE_WAY');
/** NOK, or a foreign currency at a rate of 0.0001 to 100. */
const currency: fc.Arbitrary<{ currency: string; exchangeRateToNok?: string }> = fc.oneof(
  fc.constant({ currency: 'NOK' }),
  fc.bigInt({ min: 1n, max: 1_000_000n }).map((r) => ({ currency: 'EUR', exchangeRateToNok: scaled(r, 4) })),
);

/** An order line with part of it received, and part of that invoiced before. */
const orderedLine = fc
  .record({ ordered: fc.bigInt({ min: 2n, max: 10_000_000n }), price, receivedShare: fc.integer({ min: 1, max: 100 }), invoicedShare: fc.integer({ min: 0, max: 99 }) })
  .map(({ ordered, price: unitPrice, receivedShare, invoicedShare }) => {
    const received = (ordered * BigInt(receivedShare)) / 100n || 1n;
    const invoiced = (received * BigInt(invoicedShare)) / 100n;
    return { ordered: scaled(ordered, 3), received: scaled(received, 3), invoiced: scaled(invoiced, 3), unitPrice };
  });
const asFacts = (l: { ordered: string; received: string; invoiced: string; unitPrice: string }, i: number): OrderLineFacts =>
  orderLine(i + 1, {
    orderedQuantity: l.ordered,
    receivedQuantity: l.received,
    previouslyInvoicedQuantity: l.invoiced,
    previouslyInvoicedAmount: amountOf(l.invoiced, l.unitPrice),
    unitPrice: l.unitPrice,
  });
/** Exact enough for tolerances (NOK over a rate does not terminate), rounded down so "at the limit" is never above it. */
const Exact = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_DOWN });
const minus = (a: string, b: string) => new Decimal(a).minus(b).toFixed();

describe('matchInvoice properties', () => {
  it('two-way: an invoice of exactly what is still open on the order always matches, at any tolerance', () => {
    fc.assert(
      fc.property(fc.array(orderedLine, { minLength: 1, maxLength: 8 }), tolerance, currency, (lines, t, cur) => {
        const facts = lines.map(asFacts);
        const invoiceLines = lines.map((l, i) => invoiceLine(i, { quantity: minus(l.ordered, l.invoiced), netUnitPrice: l.unitPrice }));
        const r = matchInvoice(invoice(facts, invoiceLines, { ...cur, policy: policy('TWO_WAY', t) }));
        expect(r.reasons).toEqual([]);
        expect(r.status).toBe('MATCHED');
      }),
    );
  });

  it('three-way: an invoice of exactly what is received and not yet invoiced always matches', () => {
    fc.assert(
      fc.property(fc.array(orderedLine, { minLength: 1, maxLength: 8 }), tolerance, (lines, t) => {
        const open = lines.filter((l) => new Decimal(l.received).gt(l.invoiced));
        fc.pre(open.length > 0);
        const facts = open.map(asFacts);
        const invoiceLines = open.map((l, i) => invoiceLine(i, { quantity: minus(l.received, l.invoiced), netUnitPrice: l.unitPrice }));
        const r = matchInvoice(invoice(facts, invoiceLines, { policy: policy('THREE_WAY', t) }));
        expect(r.reasons).toEqual([]);
        expect(r.status).toBe('MATCHED');
      }),
    );
  });

  /** What the price tolerance allows above `agreed`, worked out here on its own. */
  const allowedAbove = (agreed: string, t: Tolerance, rate: string) => {
    const byPercent = t.pricePercent === null ? null : new Exact(agreed).times(t.pricePercent).div(100);
    const byAbsolute = t.priceAbsolute === null ? null : new Exact(t.priceAbsolute).div(rate);
    if (byPercent && byAbsolute) return t.priceRule === 'TIGHTER' ? Exact.min(byPercent, byAbsolute) : Exact.max(byPercent, byAbsolute);
    return byPercent ?? byAbsolute ?? new Exact(0);
  };

  it('a unit price moved above agreed beyond the tolerance gives PRICE_VARIANCE; within it, never', () => {
    const delta = fc.bigInt({ min: 1n, max: 100_000_000n }).map((n) => scaled(n, 4));
    fc.assert(
      fc.property(price, quantity, tolerance, currency, mode, delta, fc.integer({ min: 0, max: 100 }), (agreed, qty, t, cur, m, beyond, share) => {
        const facts = [orderLine(1, { unitPrice: agreed, orderedQuantity: qty, receivedQuantity: qty })];
        const allowed = allowedAbove(agreed, t, cur.exchangeRateToNok ?? '1');
        const at = (p: Decimal.Instance) => matchInvoice(invoice(facts, [invoiceLine(0, { quantity: qty, netUnitPrice: p.toFixed() })], { ...cur, policy: policy(m, t) })).lines[0];
        const over = at(allowed.plus(agreed).plus(beyond));
        expect(over.status).toBe('PRICE_VARIANCE');
        expect(over.reasons.map((r) => r.code)).toEqual(['PRICE_ABOVE_AGREED']);
        expect(at(allowed.times(share).div(100).plus(agreed)).status).toBe('MATCHED');
      }),
    );
  });

  it('TIGHTER acts as the smaller of its two tolerances alone and LOOSER as the larger; what TIGHTER accepts, LOOSER accepts', () => {
    const moved = fc.bigInt({ min: 0n, max: 200_000_000n }).map((n) => scaled(n, 4));
    fc.assert(
      fc.property(price, percent, nok, moved, currency, (agreed, pct, abs, up, cur) => {
        const rate = cur.exchangeRateToNok ?? '1';
        const status = (t: Partial<Tolerance>) =>
          matchInvoice(invoice([orderLine(1, { unitPrice: agreed })], [invoiceLine(0, { netUnitPrice: new Decimal(agreed).plus(up).toFixed() })], { ...cur, policy: policy('TWO_WAY', t) })).lines[0]
            .status;
        const percentOnly = status({ pricePercent: pct, priceAbsolute: null });
        const absoluteOnly = status({ pricePercent: null, priceAbsolute: abs });
        const percentIsSmaller = new Exact(agreed).times(pct).div(100).lte(new Exact(abs).div(rate));
        const tighter = status({ pricePercent: pct, priceAbsolute: abs, priceRule: 'TIGHTER' });
        const looser = status({ pricePercent: pct, priceAbsolute: abs, priceRule: 'LOOSER' });
        expect(tighter).toBe(percentIsSmaller ? percentOnly : absoluteOnly);
        expect(looser).toBe(percentIsSmaller ? absoluteOnly : percentOnly);
        if (tighter === 'MATCHED') expect(looser).toBe('MATCHED');
        // Swapping which rule is "tighter" mirrors the roles: the rule alone decides, not the field order.
        expect(status({ pricePercent: null, priceAbsolute: null, priceRule: 'TIGHTER' })).toBe(status({ pricePercent: null, priceAbsolute: null, priceRule: 'LOOSER' }));
      }),
    );
  });

  it('an order split over k invoices matched in sequence never pays more than ordered (plus tolerance), and an exact split all matches', () => {
    const ordered = fc.integer({ min: 1, max: 1000 });
    fc.assert(
      fc.property(ordered, fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }), fc.constantFrom('0', '5'), mode, (total, attempts, qtyPercent, m) => {
        let facts = orderLine(1, { orderedQuantity: String(total), receivedQuantity: String(total), unitPrice: '12.3400' });
        const t = { quantityPercent: qtyPercent, totalPercent: null, totalAbsolute: '1000000' };
        let paid = new Decimal(0);
        for (const q of attempts) {
          const r = matchInvoice(invoice([facts], [invoiceLine(0, { quantity: String(q), netUnitPrice: '12.34' })], { policy: policy(m, t) }));
          if (r.status !== 'MATCHED') continue;
          paid = paid.plus(q);
          facts = { ...facts, previouslyInvoicedQuantity: paid.toFixed(), previouslyInvoicedAmount: amountOf(paid.toFixed(), '12.34') };
        }
        expect(paid.lte(new Decimal(total).times(new Decimal(qtyPercent).div(100).plus(1)))).toBe(true);
      }),
    );
    // An exact split: k parts summing to what was ordered, each invoice matched in turn.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 10 }), mode, (parts, m) => {
        const total = parts.reduce((a, b) => a + b, 0);
        let facts = orderLine(1, { orderedQuantity: String(total), receivedQuantity: String(total) });
        let paid = 0;
        for (const q of parts) {
          const r = matchInvoice(invoice([facts], [invoiceLine(0, { quantity: String(q) })], { policy: policy(m, { quantityPercent: '0' }) }));
          expect(r.status).toBe('MATCHED');
          paid += q;
          facts = { ...facts, previouslyInvoicedQuantity: String(paid), previouslyInvoicedAmount: amountOf(String(paid), '100') };
        }
        // Nothing is left: one more unit is refused.
        expect(matchInvoice(invoice([facts], [invoiceLine(0, { quantity: '1' })], { policy: policy(m) })).status).toBe('EXCEPTION');
      }),
    );
  });

  /** Any kind of line: matching, over price, over quantity, in another unit, or with no order line. */
  interface AnyLine {
    kind: 'exact' | 'price' | 'quantity' | 'unit' | 'unknown';
    qty: string;
    unitPrice: string;
    bump: string;
  }
  const anyLine: fc.Arbitrary<AnyLine> = fc.record({ kind: fc.constantFrom('exact', 'price', 'quantity', 'unit', 'unknown'), qty: quantity, unitPrice: price, bump: price });
  const build = (lines: AnyLine[]) => {
    const facts = lines.map((l, i) => orderLine(i + 1, { orderedQuantity: l.qty, unitPrice: l.unitPrice, receivedQuantity: l.qty }));
    const invoiceLines = lines.map((l, i) => {
      const q = l.kind === 'quantity' ? new Decimal(l.qty).plus(1).toFixed() : l.qty;
      const p = l.kind === 'price' ? new Decimal(l.unitPrice).plus(l.bump).toFixed() : l.unitPrice;
      return invoiceLine(i, { quantity: q, netUnitPrice: p, unitCode: l.kind === 'unit' ? 'KGM' : 'EA', orderLineRef: l.kind === 'unknown' ? '999' : String(i + 1) });
    });
    return { facts, invoiceLines };
  };

  it('the lines’ differences and the document’s remainder add up to the total difference, in the currency exactly and in NOK to the rounding of each part', () => {
    const remainder = fc.bigInt({ min: -100_000n, max: 100_000n }).map((n) => scaled(n, 2));
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 10 }), remainder, currency, fc.constantFrom<MatchInput['kind']>('INVOICE', 'CREDIT_NOTE'), (lines, rest, cur, kind) => {
        const { facts, invoiceLines } = build(lines);
        const linesTotal = invoiceLines.reduce((s, l) => s.plus(l.lineAmount), new Decimal(0));
        const withHistory = facts.map((f) => ({ ...f, previouslyInvoicedQuantity: f.orderedQuantity, previouslyInvoicedAmount: amountOf(f.orderedQuantity, f.unitPrice) }));
        const r = matchInvoice(invoice(kind === 'CREDIT_NOTE' ? withHistory : facts, invoiceLines, { ...cur, kind, invoiceTotalExclVat: linesTotal.plus(rest).toFixed(2) }));
        const rate = new Decimal(cur.exchangeRateToNok ?? '1');
        const sum = (values: string[]) => values.reduce((s, v) => s.plus(v), new Decimal(0));
        expect(
          sum(r.lines.map((l) => l.difference))
            .plus(rest)
            .toFixed(2),
        ).toBe(r.totals.difference);
        expect(new Decimal(r.totals.actual).minus(r.totals.expected).toFixed(2)).toBe(r.totals.difference);
        expect(
          sum(r.lines.map((l) => l.differenceNok))
            .plus(new Decimal(rest).times(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP))
            .toFixed(2),
        ).toBe(r.totals.differenceNok);
        const exactNok = new Decimal(r.totals.difference).times(rate);
        expect(
          exactNok
            .minus(r.totals.differenceNok)
            .abs()
            .lte(new Decimal('0.005').times(lines.length + 1)),
        ).toBe(true);
        if (!cur.exchangeRateToNok) expect(r.totals.differenceNok).toBe(r.totals.difference);
      }),
    );
  });

  it('three-way: an invoice sent before its goods says what the same invoice says once they have come, plus NOT_RECEIVED, and waits exactly when it will then match', () => {
    const remainder = fc.bigInt({ min: -10_000n, max: 10_000n }).map((n) => scaled(n, 2));
    fc.assert(
      fc.property(fc.array(fc.tuple(anyLine, fc.boolean()), { minLength: 1, maxLength: 8 }), tolerance, remainder, currency, (drawn, t, rest, cur) => {
        fc.pre(drawn.some(([l, waits]) => waits && l.kind !== 'unknown' && l.kind !== 'unit'));
        const { facts, invoiceLines } = build(drawn.map(([l]) => l));
        const total = invoiceLines
          .reduce((s, l) => s.plus(l.lineAmount), new Decimal(0))
          .plus(rest)
          .toFixed(2);
        const match = (f: OrderLineFacts[]) => matchInvoice(invoice(f, invoiceLines, { ...cur, invoiceTotalExclVat: total, policy: policy('THREE_WAY', t) }));
        // Before: the waiting lines' goods not received at all. After: everything ordered received.
        const waiting = match(facts.map((f, i) => (drawn[i][1] ? { ...f, receivedQuantity: '0' } : f)));
        const received = match(facts);
        expect(waiting.totals).toEqual(received.totals);
        // Receiving turns NOT_RECEIVED into nothing, or into QUANTITY_ABOVE_RECEIVED where more than ordered (= received) is invoiced;
        // every other reason, the total's among them, is the same.
        const apartFromReceipt = (r: MatchResult) => r.reasons.filter((x) => x.code !== 'NOT_RECEIVED' && x.code !== 'QUANTITY_ABOVE_RECEIVED');
        expect(apartFromReceipt(waiting)).toEqual(apartFromReceipt(received));
        expect(received.reasons.some((r) => r.code === 'NOT_RECEIVED')).toBe(false);
        expect(waiting.awaitingReceipt).toBe(received.status === 'MATCHED');
        // A waiting invoice's only reasons are NOT_RECEIVED.
        if (waiting.awaitingReceipt) expect(new Set(waiting.reasons.map((r) => r.code))).toEqual(new Set(['NOT_RECEIVED']));
      }),
    );
  });

  it('one reason per cause: the total reason appears exactly when what no line in exception shows (charges, differences within line tolerance) exceeds the total tolerance, and says just that', () => {
    // Lines of every kind, three-way with some only partly received (invoiced beyond the receipt: NOT_RECEIVED, or
    // QUANTITY_ABOVE_RECEIVED beyond the order too), on an invoice with a document charge or allowance `rest`.
    const remainder = fc.bigInt({ min: -10_000n, max: 10_000n }).map((n) => scaled(n, 2));
    fc.assert(
      fc.property(fc.array(fc.tuple(anyLine, fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 8 }), tolerance, remainder, currency, mode, (drawn, t, rest, cur, m) => {
        const { facts, invoiceLines } = build(drawn.map(([l]) => l));
        const partly = facts.map((f, i) => ({ ...f, receivedQuantity: new Decimal(f.receivedQuantity).times(drawn[i][1]).div(100).toDecimalPlaces(3, Decimal.ROUND_DOWN).toFixed() }));
        const linesTotal = invoiceLines.reduce((sum, l) => sum.plus(l.lineAmount), new Decimal(0));
        const r = matchInvoice(invoice(partly, invoiceLines, { ...cur, invoiceTotalExclVat: linesTotal.plus(rest).toFixed(2), policy: policy(m, t) }));
        const inException = r.lines.filter((l) => l.status !== 'MATCHED' && l.status !== 'NOT_RECEIVED');
        const explained = inException.reduce((sum, l) => sum.plus(l.difference), new Decimal(0));
        // Worked out from the lines as reported: the MATCHED and NOT_RECEIVED lines' differences, plus the document's remainder.
        const unexplained = r.lines
          .filter((l) => !inException.includes(l))
          .reduce((sum, l) => sum.plus(l.difference), new Decimal(rest))
          .toFixed(2);
        const total = r.reasons.filter((x) => x.code === 'TOTAL_ABOVE_EXPECTED');
        // `allowed` is reported to the cent; at the boundary its rounding decides, so only clear cases are compared.
        if (new Decimal(unexplained).minus(r.totals.allowed).abs().gte('0.01')) expect(total.length).toBe(new Decimal(unexplained).gt(r.totals.allowed) ? 1 : 0);
        if (total.length) {
          expect(total[0]).toMatchObject({ lineIndex: null, difference: unexplained, actual: r.totals.actual, expected: new Decimal(r.totals.expected).plus(explained).toFixed(2) });
          expect(new Decimal(total[0].actual!).minus(total[0].expected!).toFixed(2)).toBe(total[0].difference);
        }
        // Each line reason belongs to its line, and no cause is given twice on a line.
        for (const l of r.lines) expect(new Set(l.reasons.map((x) => x.code)).size).toBe(l.reasons.length);
        // Invoiced as ordered and received in part, with no charge and an exact total: only line reasons, never the total's.
        if (new Decimal(rest).lte(0) && r.lines.every((l) => l.status !== 'MATCHED' || l.difference === '0.00') && r.lines.every((l) => l.status !== 'NOT_RECEIVED')) expect(total).toEqual([]);
      }),
    );
  });

  it('an invoice is MATCHED exactly when every line is MATCHED and no invoice-level reason is given', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 6 }), tolerance, (lines, t) => {
        const { facts, invoiceLines } = build(lines);
        const r = matchInvoice(invoice(facts, invoiceLines, { policy: policy('TWO_WAY', t) }));
        const linesMatched = r.lines.every((l) => l.status === 'MATCHED' && l.reasons.length === 0);
        expect(r.status === 'MATCHED').toBe(linesMatched && r.reasons.every((x) => x.lineIndex !== null));
        expect(r.reasons.length === 0).toBe(r.status === 'MATCHED');
        if (lines.some((l) => l.kind === 'unknown')) expect(r.status).toBe('EXCEPTION');
      }),
    );
  });
});
