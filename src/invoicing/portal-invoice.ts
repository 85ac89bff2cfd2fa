import { MoneyDecimal } from '../platform/money/money';
import type { InvoiceFromOrderInput, InvoicePartyInput } from './invoice-from-order';
import { paymentAccount } from './payment-account';

/**
 * The invoice a supplier without an e-invoicing system asks Torg to write from one of its orders
 * (the light portal's "create invoice"): which lines and how much of each (the whole order as
 * agreed by default), the dates and the account to pay to. Pure: checks everything the supplier
 * typed and names each field at fault, all at once, so a form can mark every mistake; the rest
 * (parties, prices, VAT, references) comes from the order, never from the supplier's hand.
 */

/** An order line as agreed (after the buyer accepted any changes), in what an invoice needs of it. */
export interface OrderLineToBill {
  lineId: string;
  /** NOT_ACCEPTED and CANCELLED lines are not delivered, so not invoiced. */
  status: string;
  name: string;
  quantity: string;
  unitCode: string;
  unitPrice: string;
  vatRate: string;
  sellerItemId: string | null;
  gtin: string | null;
  unspscCode: string | null;
  /** The item delivered instead, once the buyer accepted the substitution. */
  substitute: { sellerItemId: string; name: string | null; gtin: string | null } | null;
}

export interface OrderToBill {
  orderNo: string;
  customerReference: string | null;
  currency: string;
  lines: OrderLineToBill[];
}

export interface PortalInvoiceRequest {
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  /** Partial quantities by order line; absent: every invoiceable line in full. */
  lines?: { lineId: string; quantity: string }[];
  paymentAccount: string;
  kid?: string;
  note?: string;
}

export interface PortalInvoiceProblem {
  /** The input field, as the GraphQL input names it: `invoiceNumber`, `lines[1].quantity`… */
  field: string;
  message: string;
}

const UNINVOICEABLE = new Set(['NOT_ACCEPTED', 'CANCELLED']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d+(\.\d{1,4})?$/;

const validDate = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** The input of invoiceFromOrder, or every problem of the request. */
export function portalInvoice(
  order: OrderToBill,
  seller: InvoicePartyInput,
  buyer: InvoicePartyInput,
  request: PortalInvoiceRequest,
): { input: InvoiceFromOrderInput } | { problems: PortalInvoiceProblem[] } {
  const problems: PortalInvoiceProblem[] = [];
  const refuse = (field: string, message: string) => problems.push({ field, message });

  const invoiceNumber = request.invoiceNumber.trim();
  if (!invoiceNumber || invoiceNumber.length > 200) refuse('invoiceNumber', 'must be 1 to 200 characters, unique among your invoices');
  if (!validDate(request.issueDate)) refuse('issueDate', `must be a date (YYYY-MM-DD), not "${request.issueDate}"`);
  if (!validDate(request.dueDate)) refuse('dueDate', `must be a date (YYYY-MM-DD), not "${request.dueDate}"`);
  else if (validDate(request.issueDate) && request.dueDate < request.issueDate) refuse('dueDate', `is before the issue date ${request.issueDate}: payment cannot be due before the invoice is issued`);
  const account = paymentAccount(request.paymentAccount);
  if ('problem' in account) refuse('paymentAccount', account.problem);
  const kid = request.kid?.replace(/\s/g, '') || undefined;
  if (kid !== undefined && !/^\d{2,25}$/.test(kid)) refuse('kid', `must be 2 to 25 digits (the KID your bank gave you), not "${request.kid}"`);
  if (request.note && request.note.length > 1000) refuse('note', 'is longer than 1000 characters');

  const invoiceable = order.lines.filter((l) => !UNINVOICEABLE.has(l.status));
  const byId = new Map(invoiceable.map((l) => [l.lineId, l]));
  let chosen: { line: OrderLineToBill; quantity: string }[] = invoiceable.map((line) => ({ line, quantity: line.quantity }));
  if (request.lines) {
    chosen = [];
    const seen = new Set<string>();
    request.lines.forEach((l, i) => {
      const at = `lines[${i}]`;
      const line = byId.get(l.lineId);
      if (!line) {
        const known = order.lines.find((x) => x.lineId === l.lineId);
        refuse(`${at}.lineId`, known ? `line ${l.lineId} was not accepted or was cancelled: it is not delivered, so not invoiced` : `the order has no line ${l.lineId}`);
        return;
      }
      if (seen.has(l.lineId)) return refuse(`${at}.lineId`, `line ${l.lineId} is named twice: give each line once`);
      seen.add(l.lineId);
      const quantity = l.quantity.trim().replace(',', '.');
      if (!DECIMAL.test(quantity)) return refuse(`${at}.quantity`, `must be a number with at most four decimals, not "${l.quantity}"`);
      const q = new MoneyDecimal(quantity);
      if (q.isZero()) return; // 0: the line is not invoiced this time
      if (q.gt(line.quantity)) return refuse(`${at}.quantity`, `${quantity} is more than the ${new MoneyDecimal(line.quantity).toFixed()} ${line.unitCode} agreed on line ${l.lineId}`);
      chosen.push({ line, quantity: q.toFixed() });
    });
    if (!problems.some((p) => p.field.startsWith('lines')) && !chosen.length) refuse('lines', 'invoice at least one line with a quantity above 0');
  }
  if (!invoiceable.length) refuse('lines', 'the order has no line that was accepted: there is nothing to invoice');
  if (problems.length) return { problems };

  return {
    input: {
      kind: 'Invoice',
      invoiceNumber,
      issueDate: request.issueDate,
      dueDate: request.dueDate,
      currency: order.currency,
      seller,
      buyer,
      orderNumber: order.orderNo,
      buyerReference: order.customerReference ?? undefined,
      note: request.note?.trim() || undefined,
      payment: { account: (account as { account: string }).account, kid },
      lines: chosen.map(({ line, quantity }) => ({
        orderLineId: line.lineId,
        sellerItemId: line.substitute?.sellerItemId ?? line.sellerItemId ?? undefined,
        gtin: (line.substitute ? line.substitute.gtin : line.gtin) ?? undefined,
        name: line.substitute?.name ?? line.name,
        quantity,
        unitCode: line.unitCode,
        unitPrice: line.unitPrice,
        vatRate: line.vatRate,
        unspsc: line.unspscCode ?? undefined,
      })),
    },
  };
}
