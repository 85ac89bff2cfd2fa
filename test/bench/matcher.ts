/**
 * npm run bench:matcher [-- --lines N]   (npm run bench runs it last)
 *
 * The pure invoice matcher (issue 16 §6 b) in lines/s: invoices of 5 and of 50 lines against
 * orders of as many lines, N invoice lines of each size (300,000 by default) in three rounds,
 * no HTTP and no database. The invoices look like real ones: three-way (two-way for one line in
 * five, a service), partly invoiced before, about one line in ten with a price or quantity
 * variance, one in ten found by seller item id and one in twenty by GTIN instead of its order
 * line reference. Prints lines/s (median of the rounds, wall and CPU time) and p50/p95 per invoice.
 */
import { matchInvoice } from '../../src/invoicing/matching/invoice-matcher';
import type { InvoiceLineFacts, MatchInput, MatchPolicy, OrderLineFacts } from '../../src/invoicing/matching/match-types';
import { DEFAULT_TOLERANCE } from '../../src/invoicing/matching/resolve-match-policy';
import { percentile, printTable } from './bench-support';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LINES = flag('lines', 300_000);
const ROUNDS = 3;
/** Distinct invoices per size, cycled through: enough that no branch predictor learns one invoice. */
const VARIANTS = 500;

const threeWay: MatchPolicy = { mode: 'THREE_WAY', tolerance: DEFAULT_TOLERANCE };
const twoWay: MatchPolicy = { mode: 'TWO_WAY', tolerance: DEFAULT_TOLERANCE };

/** A small deterministic generator, so every run matches the same invoices. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function makeInvoice(size: number, seed: number): MatchInput {
  const rnd = random(seed);
  const orderLines: OrderLineFacts[] = [];
  const invoiceLines: InvoiceLineFacts[] = [];
  let total = 0n; // in cents, built from the line amounts below
  for (let i = 0; i < size; i++) {
    const lineNo = i + 1;
    const ordered = 1 + Math.floor(rnd() * 200);
    const invoicedBefore = rnd() < 0.3 ? Math.floor(ordered / 2) : 0;
    const priceCents = 100 + Math.floor(rnd() * 500_000);
    const service = rnd() < 0.2;
    orderLines.push({
      orderLineId: seed * 1000 + lineNo,
      lineNo,
      sellerItemId: `SKU-${seed}-${lineNo}`,
      gtin: String(7038010000000 + seed * 100 + lineNo),
      unitCode: service ? 'HUR' : 'EA',
      orderedQuantity: String(ordered),
      unitPrice: (priceCents / 100).toFixed(4),
      receivedQuantity: String(ordered),
      returnedQuantity: '0',
      nothingMoreToCome: false,
      previouslyInvoicedQuantity: String(invoicedBefore),
      previouslyInvoicedAmount: ((invoicedBefore * priceCents) / 100).toFixed(2),
      onAgreement: rnd() < 0.9,
      unspscCode: service ? '80101500' : '44121700',
    });
    const roll = rnd();
    const quantity = ordered - invoicedBefore + (roll < 0.05 ? 1 : 0);
    const invoicedCents = priceCents + (roll >= 0.05 && roll < 0.1 ? Math.ceil(priceCents * 0.05) : 0);
    const find = rnd();
    const amountCents = BigInt(quantity) * BigInt(invoicedCents);
    total += amountCents;
    invoiceLines.push({
      index: i,
      lineId: String(lineNo),
      orderLineRef: find < 0.15 ? null : String(lineNo),
      sellerItemId: find < 0.1 ? `SKU-${seed}-${lineNo}` : null,
      gtin: find >= 0.1 && find < 0.15 ? String(7038010000000 + seed * 100 + lineNo) : null,
      quantity: String(quantity),
      unitCode: service ? 'HUR' : 'EA',
      netUnitPrice: (invoicedCents / 100).toFixed(2),
      lineAmount: cents(amountCents),
    });
  }
  return {
    kind: 'INVOICE',
    currency: 'NOK',
    order: { lines: orderLines },
    invoiceLines,
    invoiceTotalExclVat: cents(total),
    policy: threeWay,
    policyFor: (line) => (line.unspscCode.startsWith('80') ? twoWay : threeWay),
  };
}

const cents = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

interface Round {
  linesPerSecond: number;
  /** Lines per second of this process's CPU time: steadier than wall time on a shared machine. */
  linesPerCpuSecond: number;
  perInvoiceMs: number[];
  exceptions: number;
}

function round(invoices: MatchInput[], count: number): Round {
  const perInvoiceMs: number[] = [];
  let exceptions = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const result = matchInvoice(invoices[i % invoices.length]);
    perInvoiceMs.push(performance.now() - start);
    if (result.status === 'EXCEPTION') exceptions++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const lines = count * invoices[0].invoiceLines.length;
  return { linesPerSecond: lines / seconds, linesPerCpuSecond: lines / ((cpu.user + cpu.system) / 1e6), perInvoiceMs, exceptions };
}

function main() {
  const rows: [string, string, string][] = [];
  for (const size of [5, 50]) {
    const invoices = Array.from({ length: VARIANTS }, (_, v) => makeInvoice(size, v + 1));
    const count = Math.max(1, Math.round(LINES / size));
    round(invoices, Math.min(count, 2000)); // warm-up: let V8 optimise before measuring
    const rounds = Array.from({ length: ROUNDS }, () => round(invoices, count));
    const median = [...rounds].sort((a, b) => a.linesPerSecond - b.linesPerSecond)[Math.floor(ROUNDS / 2)];
    const sorted = [...median.perInvoiceMs].sort((a, b) => a - b);
    rows.push([
      `${size}-line invoices: lines/s`,
      Math.round(median.linesPerSecond).toLocaleString('en'),
      `median of ${ROUNDS} (${rounds.map((r) => Math.round(r.linesPerSecond).toLocaleString('en')).join(', ')}); ${count.toLocaleString('en')} invoices each`,
    ]);
    const cpuMedian = rounds.map((r) => r.linesPerCpuSecond).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
    rows.push([`${size}-line invoices: lines per CPU second`, Math.round(cpuMedian).toLocaleString('en'), `${(1e6 / cpuMedian).toFixed(1)} µs of CPU per line, GC included (median)`]);
    rows.push([`${size}-line invoices: exceptions`, `${((median.exceptions / count) * 100).toFixed(0)} %`, 'one line in ten varies in price or quantity']);
    rows.push([`${size}-line invoices: per invoice p50 / p95`, `${(sorted[Math.floor(sorted.length / 2)] * 1000).toFixed(0)} / ${(percentile(sorted, 95) * 1000).toFixed(0)} µs`, '']);
  }
  printTable(`Pure matcher, ${LINES.toLocaleString('en')} invoice lines per size, Node ${process.version}`, rows);
}

main();
