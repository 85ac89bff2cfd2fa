import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { CataloguesService } from '../catalogues/catalogues.service';
import { customerReferenceSent } from '../ordering/order-document';
import { OrderStatus } from '../ordering/order-status';
import type { OrderForInvoice } from '../ordering/orders.service';
import { AuditService } from '../platform/audit/audit.service';
import { MoneyDecimal } from '../platform/money/money';
import { RequestContext } from '../platform/context/request-context';
import { isErrorResult } from '../platform/results/error-result';
import { InvoiceAnswers, RESPONSE_FOR } from './invoice-answers';
import { InvoiceCurrency } from './invoice-currency';
import { InvoiceSpend } from './invoice-spend';
import { InvoiceLedgers } from './invoice-ledgers';
import { InvoiceEvent, InvoiceStatus } from './invoice-status';
import type { DrawnResponseIds } from './invoice-response.repository';
import { InvoiceMachine, invoiceMachine } from './invoice.machine';
import { FreshMatch, InsertedInvoice, InvoicedBefore, InvoiceRepository, NewInvoiceLine, NewMatchReason } from './invoice.repository';
import { InvoiceEntity, InvoiceLineEntity, StoredLineMatchStatus } from './invoicing.entities';
import { EffectivePolicy, effectivePolicyOf, MatchPolicies } from './match-policy.service';
import { InvoiceLineFacts, matchInvoice, MatchPolicy, MatchResult, OrderLineFacts, resolveMatchPolicy } from './matching';

export type { OrderForInvoice };

/** Order states in which the supplier has not confirmed the order yet: an invoice waits for its answer. */
const UNCONFIRMED = new Set<OrderStatus>([OrderStatus.APPROVED, OrderStatus.SENT, OrderStatus.CHANGED]);
/** Order states that bind nobody any more: an invoice against them is an exception. */
const VOID = new Set<OrderStatus>([OrderStatus.CANCELLED, OrderStatus.DECLINED, OrderStatus.REJECTED, OrderStatus.WITHDRAWN, OrderStatus.PENDING_APPROVAL]);
/** Order lines the supplier refused or the buyer took out: nothing of them is to be paid. */
const NOTHING_AGREED = new Set<OrderForInvoice['lines'][number]['status']>(['NOT_ACCEPTED', 'CANCELLED']);

/**
 * Matches an invoice or credit note and decides what follows: it gathers the facts (order lines
 * as agreed, what was received, what earlier invoices of the same lines took, the buyer's
 * policy), asks the pure matcher, stores each line's status and every reason, and moves the
 * invoice: MATCHED → APPROVED; waiting for goods or for the supplier's confirmation → WAITING;
 * anything else → EXCEPTION. Runs in the caller's transaction, with the order locked (so an
 * invoice and a receipt arriving together are matched one after the other, never past each other).
 */
@Injectable()
export class InvoiceMatching {
  readonly machine: InvoiceMachine;

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly policies: MatchPolicies,
    private readonly catalogues: CataloguesService,
    private readonly ledgers: InvoiceLedgers,
    private readonly answers: InvoiceAnswers,
    private readonly spend: InvoiceSpend,
    private readonly currency: InvoiceCurrency,
    audit: AuditService,
  ) {
    this.machine = invoiceMachine(audit, (tx, invoice) => this.invoices.save(tx, invoice));
  }

  async matchAndDecide(tx: RequestContext, invoice: InvoiceEntity, lines: InvoiceLineEntity[], order: OrderForInvoice | null): Promise<InvoiceEntity> {
    const verdict = await this.verdict(tx, invoice, lines, order);
    const lineStatuses = lineOutcomes(verdict, lines).map((o, i) => ({ lineId: lines[i].id, ...o }));
    // A re-match that finds what the last one found changes nothing (no new version under the person deciding it).
    if (invoice.status !== InvoiceStatus.RECEIVED && this.machine.next(invoice.status, verdict.event) === invoice.status && (await this.unchanged(tx, invoice, lines, lineStatuses, verdict.reasons)))
      return invoice;
    await this.invoices.storeMatch(tx, invoice, {
      mode: verdict.mode,
      lines: lineStatuses,
      reasons: verdict.reasons,
    });
    lines.forEach((l, i) => Object.assign(l, { orderLineId: lineStatuses[i].orderLineId, matchStatus: lineStatuses[i].status }));
    return this.decide(tx, invoice, lines, order, verdict);
  }

  /**
   * A new invoice, stored without its lines: matched on the lines as drafted, which are then
   * stored with their outcome and the match reasons by the save that decides it (one statement;
   * not inserted and then updated). `drawn`: what the invoice's INSERT read and drew beside it
   * (what the order's lines were invoiced before, the buyer's policy chain, the lines' ids and
   * the Invoice Response's id).
   */
  async matchAndDecideNew(
    tx: RequestContext,
    invoice: InvoiceEntity,
    drafts: NewInvoiceLine[],
    order: OrderForInvoice | null,
    drawn: Omit<InsertedInvoice, 'invoice'>,
  ): Promise<{ invoice: InvoiceEntity; lines: InvoiceLineEntity[] }> {
    const lines = drafts.map((l, i) => Object.assign(new InvoiceLineEntity(), { ...l, id: drawn.lineIds[i], invoiceId: invoice.id, position: i + 1, matchStatus: null }));
    const verdict = await this.verdict(tx, invoice, lines, order, drawn.invoicedBefore, effectivePolicyOf(drawn.policies));
    lineOutcomes(verdict, lines).forEach((o, i) => Object.assign(lines[i], { orderLineId: o.orderLineId, matchStatus: o.status }));
    invoice.matchMode = verdict.mode;
    invoice.matchedAt = tx.now();
    return { invoice: await this.decide(tx, invoice, lines, order, verdict, { responseIds: drawn.responseIds, fresh: { lines, reasons: verdict.reasons } }), lines };
  }

  /**
   * Moves the matched invoice by its verdict: answers the supplier, books an approval, tells
   * insights, audits. A re-match stored its outcome already; a new invoice's (`first.fresh`: its
   * lines and reasons) is written by the save of this first decision, in one statement with it.
   */
  private async decide(
    tx: RequestContext,
    invoice: InvoiceEntity,
    lines: InvoiceLineEntity[],
    order: OrderForInvoice | null,
    verdict: Verdict,
    first?: { responseIds: DrawnResponseIds; fresh: FreshMatch },
  ): Promise<InvoiceEntity> {
    // The order is the invoice's own (intake and re-match lock it so): spend needs read nothing again.
    const known = (order?.order.id ?? null) === invoice.orderId ? { lines, order } : undefined;
    const rematch = invoice.status !== InvoiceStatus.RECEIVED;
    const moved = await this.machine.fire(tx, invoice, verdict.event, {
      effect: async (i, _from, to) => {
        await this.answers.answerSupplier(tx, i, RESPONSE_FOR[to], verdict.reasons, { responseIds: first?.responseIds });
        const reasonCodes = verdict.reasons.map((r) => r.code);
        if (to === InvoiceStatus.APPROVED) {
          await this.ledgers.approved(tx, i);
          await this.spend.matchedAndApproved(tx, i, reasonCodes, known);
        } else await this.spend.matched(tx, i, to === InvoiceStatus.WAITING ? 'WAITING' : 'EXCEPTION', reasonCodes);
      },
      audit: {
        ...(rematch ? { rematch: true } : {}),
        mode: verdict.mode,
        reasons: verdict.reasons.map((r) => r.code),
        ...(verdict.result ? { expected: verdict.result.totals.expected, actual: verdict.result.totals.actual, differenceNok: verdict.result.totals.differenceNok } : {}),
      },
      ...(first ? { save: (t: RequestContext, i: InvoiceEntity) => this.invoices.save(t, i, first.fresh) } : {}),
    });
    // The table allows every verdict from RECEIVED, WAITING and EXCEPTION, the only states matched.
    if (isErrorResult(moved)) throw new Error(moved.message);
    return moved;
  }

  /** Whether the lines' outcome and the reasons are those stored by the last match. */
  private async unchanged(
    tx: RequestContext,
    invoice: InvoiceEntity,
    lines: InvoiceLineEntity[],
    lineStatuses: { orderLineId: number | null; status: string }[],
    reasons: NewMatchReason[],
  ): Promise<boolean> {
    if (lines.some((l, i) => l.orderLineId !== lineStatuses[i].orderLineId || l.matchStatus !== lineStatuses[i].status)) return false;
    const key = (r: Pick<NewMatchReason, 'invoiceLineId' | 'code' | 'expected' | 'actual' | 'differenceNok'>) =>
      [r.invoiceLineId, r.code, r.expected, r.actual, r.differenceNok === null ? null : new Decimal(r.differenceNok).toFixed(2)].join('|');
    const stored = ((await this.invoices.reasonsOf(tx, [invoice.id])).get(invoice.id) ?? []).map(key);
    return stored.length === reasons.length && reasons.every((r, i) => key(r) === stored[i]);
  }

  /**
   * `invoicedBefore`: what the order's lines were invoiced before, when the caller read it already
   * under the order's lock; `known`: the buyer's policy, when read already (the intake reads both
   * with its INSERT).
   */
  private async verdict(
    tx: RequestContext,
    invoice: InvoiceEntity,
    lines: InvoiceLineEntity[],
    order: OrderForInvoice | null,
    invoicedBefore?: InvoicedBefore[],
    known?: EffectivePolicy,
  ): Promise<Verdict> {
    const early = buyerReferenceReasons(invoice, order);
    const currency = await this.currency.reason(tx, invoice, order);
    if (currency) return { event: 'raiseException', mode: null, result: null, reasons: [...early, currency] };
    if (order && VOID.has(order.order.status)) {
      const reason = invoiceReason('ORDER_NOT_OPEN', `Order ${order.order.orderNo} is ${order.order.status}: nothing of it is to be paid`, null, order.order.status);
      return { event: 'raiseException', mode: null, result: null, reasons: [...early, reason] };
    }

    const effective = known ?? (await this.policies.effective(tx, invoice.buyerOrganisationId));
    // One policy per UNSPSC code, resolved once: lines of one code share it, and with it the
    // matcher's parse of its tolerances (kept per policy object), instead of once per line.
    const byCode = new Map<string, MatchPolicy>();
    const policyFor = (unspscCode: string) => {
      let found = byCode.get(unspscCode);
      if (!found) byCode.set(unspscCode, (found = resolveMatchPolicy(effective.policy, effective.rules, { supplierId: invoice.supplierId, unspscCode })));
      return found;
    };
    const policy = policyFor('');
    const result = matchInvoice({
      kind: invoice.kind,
      currency: invoice.currency,
      order: order ? { lines: await this.orderLineFacts(tx, invoice, order, invoicedBefore) } : null,
      invoiceLines: await this.invoiceLineFacts(tx, invoice, lines, order),
      invoiceTotalExclVat: invoice.taxExclusiveAmount,
      policy,
      policyFor: (line) => policyFor(line.unspscCode),
    });
    const reasons: NewMatchReason[] = [
      ...early,
      ...result.reasons.map((r) => ({
        invoiceLineId: r.lineIndex === null ? null : lines[r.lineIndex].id,
        code: r.code,
        message: r.message,
        expected: r.expected,
        actual: r.actual,
        difference: r.difference,
        differenceNok: r.differenceNok,
      })),
    ];
    const modes = new Set(result.lines.map((l) => l.mode).filter((m) => m !== null));
    const mode = modes.size === 1 ? [...modes][0] : modes.size ? 'THREE_WAY' : policy.mode;

    if (order && UNCONFIRMED.has(order.order.status) && invoice.kind === 'INVOICE') {
      const waiting = invoiceReason(
        'ORDER_NOT_CONFIRMED',
        `Order ${order.order.orderNo} is ${order.order.status}: the invoice waits for the supplier’s confirmation to be accepted`,
        null,
        order.order.status,
      );
      return { event: 'wait', mode, result, reasons: [...reasons, waiting] };
    }
    if (result.status === 'MATCHED' && !early.length) return { event: 'approveMatched', mode, result, reasons };
    if (result.awaitingReceipt && !early.length) return { event: 'wait', mode, result, reasons };
    return { event: 'raiseException', mode, result, reasons };
  }

  private async orderLineFacts(tx: RequestContext, invoice: InvoiceEntity, { lines, received, returned, closed }: OrderForInvoice, invoicedBefore?: InvoicedBefore[]): Promise<OrderLineFacts[]> {
    // What each line received came with the order's lines (read under its lock, one statement).
    const before =
      invoicedBefore ??
      (await this.invoices.invoicedBefore(
        tx,
        lines.map((l) => l.id),
        invoice.id,
      ));
    const beforeOf = new Map(before.map((b) => [b.orderLineId, b]));
    return lines.map((l, i) => ({
      orderLineId: l.id,
      lineNo: l.lineNo,
      sellerItemId: l.substituteSellerItemId ?? l.sellerItemId,
      gtin: l.substituteGtin ?? l.gtin,
      unitCode: l.unitCode,
      orderedQuantity: NOTHING_AGREED.has(l.status) ? '0' : l.quantity,
      unitPrice: l.unitPrice,
      receivedQuantity: received[i],
      returnedQuantity: returned[i],
      nothingMoreToCome: closed,
      previouslyInvoicedQuantity: beforeOf.get(l.id)?.quantity ?? '0',
      previouslyInvoicedAmount: beforeOf.get(l.id)?.amount ?? '0',
      onAgreement: l.agreementId !== null,
      unspscCode: l.unspscCode,
    }));
  }

  /** The invoice's lines as the matcher reads them; without an order, whether its agreement's catalogue in force holds each item. */
  private async invoiceLineFacts(tx: RequestContext, invoice: InvoiceEntity, lines: InvoiceLineEntity[], order: OrderForInvoice | null): Promise<InvoiceLineFacts[]> {
    let covered: boolean[] = lines.map(() => false);
    if (!order && invoice.agreementId !== null) {
      const agreementId = invoice.agreementId;
      const items = await this.catalogues.itemsInForce(
        tx,
        lines.map((l) => ({ agreementId, sellerItemId: l.sellerItemId ?? '' })),
      );
      covered = items.map((item, i) => !!item && !!lines[i].sellerItemId);
    }
    return lines.map((l, i) => ({
      index: i,
      lineId: l.lineId,
      orderLineRef: l.orderLineRef,
      sellerItemId: l.sellerItemId,
      gtin: l.gtin,
      quantity: l.quantity,
      unitCode: l.unitCode,
      // MoneyDecimal (50 digits): a price of up to 24 digits (invoice-number-limits) per unit is not cut to decimal.js's default 20.
      netUnitPrice: new MoneyDecimal(l.netUnitPrice).div(l.baseQuantity).toFixed(),
      lineAmount: l.lineAmount,
      ...(order ? {} : { onAgreement: covered[i] }),
    }));
  }
}

/** What a match found: the event it fires, the mode, the matcher's result (none when refused before it) and every reason. */
interface Verdict {
  event: InvoiceEvent;
  mode: 'TWO_WAY' | 'THREE_WAY' | null;
  result: MatchResult | null;
  reasons: NewMatchReason[];
}

/** Each line's resolved order line and status (MATCHED when the matcher did not run). */
function lineOutcomes(verdict: Verdict, lines: readonly unknown[]): { orderLineId: number | null; status: StoredLineMatchStatus }[] {
  return lines.map((_, i) => ({ orderLineId: verdict.result?.lines[i].orderLineId ?? null, status: verdict.result?.lines[i].status ?? 'MATCHED' }));
}

function invoiceReason(code: string, message: string, expected: string | null, actual: string | null): NewMatchReason {
  return { invoiceLineId: null, code, message, expected, actual, difference: null, differenceNok: null };
}

/**
 * The buyer reference should be the order's CustomerReference as sent (the buyer's reference, else
 * the requisition number); another one is a reason for a person to look, not a refusal. An invoice
 * without one is routed by its order reference and has nothing to compare.
 */
function buyerReferenceReasons(invoice: InvoiceEntity, order: OrderForInvoice | null): NewMatchReason[] {
  if (!order || !invoice.buyerReference) return [];
  const expected = customerReferenceSent(order.order);
  if (invoice.buyerReference.trim() === expected) return [];
  return [invoiceReason('BUYER_REFERENCE_MISMATCH', `The buyer reference "${invoice.buyerReference}" is not the order's customer reference "${expected}"`, expected, invoice.buyerReference)];
}
