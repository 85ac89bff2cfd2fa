import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementsService } from '../agreements/agreements.service';
import { CataloguesService } from '../catalogues/catalogues.service';
import { IdentityService } from '../identity/identity.service';
import type { CheaperItem } from '../catalogues/purchasable-item';
import { RequestContext } from '../platform/context/request-context';
import { allowGenericPlans } from '../platform/database/prepared-query';
import { inTransaction } from '../platform/database/transaction';
import { OutboxHandlers } from '../platform/outbox/outbox-handlers';
import { osloToday } from '../platform/time/oslo-date';
import { InvoiceLineRow, InvoiceLinesToReplace, MatchToRecord, OrderLineRow, SpendFactsRepository } from './spend-facts.repository';
import { InvoiceSpendFact, OrderSpendFact, SPEND_TOPIC, SpendEvent } from './spend-facts.types';
import { supplierLoyalty } from './supplier-loyalty';

/** Lines for which leakage looks for a cheaper agreement item. */
const LEAKING = new Set(['OFF_AGREEMENT', 'OFF_CATALOGUE']);

/**
 * The handler of `insights.spend`: turns an event into fact rows. It adds what the event cannot
 * know cheaply in the business transaction: supplier loyalty (is the supplier one of the
 * buyer's agreement suppliers?) and, for each off-agreement line, the cheapest item of the same
 * unit in the same commodity, else class, among the agreements in force for the buyer on the order
 * date (in Norway): an order's submission, an invoice's order's, else the invoice's issue date. A
 * fact written (or rewritten) long after the order, after an agreement ended or began, still
 * says how the line stood when it was bought.
 */
@Injectable()
export class SpendFactWriter implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly facts: SpendFactsRepository,
    private readonly agreements: AgreementsService,
    private readonly catalogues: CataloguesService,
    private readonly identity: IdentityService,
  ) {}

  onModuleInit() {
    // Serial: every event of one buyer and month upserts the same rollup rows (organisation, month,
    // segment…), so runs of different keys side by side only queued on each other's row locks (the
    // intake bench's background, test/bench/README.md 2026-12-02 10:30); one worker batches them instead.
    this.handlers.register<SpendEvent>({ topic: SPEND_TOPIC, serial: true, handle: (m) => this.write(m.payload), batch: (ms) => this.writeMany(ms.map((m) => m.payload)) });
  }

  /** Writes one event's facts in one transaction (tests call it directly too). */
  write(e: SpendEvent): Promise<void> {
    return this.writeMany([e]);
  }

  /**
   * Writes events' facts in one transaction, in order (the outbox hands it one message of each
   * key it claimed). Invoices' match outcomes and fact lines are gathered and written in one
   * statement each, so the statement-level rollup triggers run once for the batch instead of once
   * per invoice (and a hot rollup row is upserted once); an event of an invoice already gathered,
   * or an order's event, writes the gathered ones first, so the order of events holds.
   */
  writeMany(events: SpendEvent[]): Promise<void> {
    return inTransaction(this.ds, new RequestContext(undefined, this.ds.manager), async (tx) => {
      // The rollup triggers' statements take parameters: planned once per connection, not per batch.
      await allowGenericPlans(tx.manager);
      const memo = new BuyerMemo();
      let matches: MatchToRecord[] = [];
      let lines: InvoiceLinesToReplace[] = [];
      const gathered = new Set<number>();
      const flush = async () => {
        await this.facts.recordMatches(tx, matches);
        await this.facts.replaceInvoiceLines(tx, lines);
        [matches, lines] = [[], []];
        gathered.clear();
      };
      for (const e of events) {
        const invoiceId = e.event === 'invoiceMatched' ? e.fact.invoiceId : e.event === 'invoiceApproved' || e.event === 'invoiceMatchedAndApproved' ? e.fact.invoiceId : null;
        if (invoiceId === null || gathered.has(invoiceId)) await flush();
        switch (e.event) {
          // Both give the order's lines as they count now: a close's (its last event) are what was
          // delivered. One upsert; a redelivered event writes the same rows again, no rollup changes.
          case 'orderApproved':
          case 'orderClosed':
            await this.facts.replaceOrderLines(tx, e.fact.orderId, e.recordedAt, await this.orderRows(tx, e.fact, memo));
            // Closed with nothing delivered: no line is left to say the close came last, so it is
            // marked as a cancellation is (an approval handled late then writes its lines cancelled).
            if (e.event === 'orderClosed' && !e.fact.lines.length) await this.facts.cancelOrder(tx, e.fact.orderId, e.recordedAt);
            continue;
          case 'orderCancelled':
            await this.facts.cancelOrder(tx, e.orderId, e.recordedAt);
            continue;
          case 'invoiceMatched':
            matches.push({ fact: e.fact, buyerPath: await this.buyerPath(tx, e.fact.buyerOrganisationId, memo), recordedAt: e.recordedAt });
            break;
          case 'invoiceApproved':
            lines.push({ invoiceId: e.fact.invoiceId, recordedAt: e.recordedAt, rows: await this.invoiceRows(tx, e.fact, memo) });
            break;
          case 'invoiceMatchedAndApproved': {
            const rows = await this.invoiceRows(tx, e.fact, memo);
            // The lines carry the buyer's path already: no second look-up for the match.
            const path = rows.length && e.match.buyerOrganisationId === e.fact.buyerOrganisationId ? (rows[0].buyer_path as number[]) : await this.buyerPath(tx, e.match.buyerOrganisationId, memo);
            matches.push({ fact: e.match, buyerPath: path, recordedAt: e.recordedAt });
            lines.push({ invoiceId: e.fact.invoiceId, recordedAt: e.recordedAt, rows });
            break;
          }
        }
        gathered.add(invoiceId!);
      }
      await flush();
    });
  }

  private async orderRows(tx: RequestContext, f: OrderSpendFact, memo: BuyerMemo): Promise<OrderLineRow[]> {
    const { path, suppliers, cheaper } = await this.buyerSide(
      tx,
      memo,
      f.buyerOrganisationId,
      osloToday(new Date(f.submittedAt)),
      f.lines.filter((l) => LEAKING.has(l.loyalty)).map((l) => ({ key: l.orderLineId, unspscCode: l.unspscCode, unitCode: l.unitCode, currency: f.currency })),
    );
    return f.lines.map((l) => ({
      order_line_id: l.orderLineId,
      order_id: f.orderId,
      order_no: f.orderNo,
      buyer_organisation_id: f.buyerOrganisationId,
      buyer_path: path,
      supplier_id: f.supplierId,
      supplier_name: f.supplierName,
      currency: f.currency,
      submitted_at: new Date(f.submittedAt).toISOString(),
      approved_at: new Date(f.approvedAt).toISOString(),
      unspsc_code: l.unspscCode,
      quantity: l.quantity,
      unit_code: l.unitCode,
      unit_price: l.unitPrice,
      amount: l.amount,
      loyalty: l.loyalty,
      supplier_loyalty: supplierLoyalty(l.loyalty, f.supplierId, suppliers),
      agreement_id: l.agreementId,
      covering_agreement_ids: l.coveringAgreementIds,
      justification_code: l.justificationCode,
      justification_text: l.justificationText,
      catalogue_item_id: l.catalogueItemId,
      eco_labelled: l.ecoLabelled ?? null,
      ...alternative(cheaper.get(l.orderLineId)),
    }));
  }

  private async invoiceRows(tx: RequestContext, f: InvoiceSpendFact, memo: BuyerMemo): Promise<InvoiceLineRow[]> {
    const needs = f.lines.flatMap((l) => (LEAKING.has(l.loyalty) && l.unspscCode ? [{ key: l.invoiceLineId, unspscCode: l.unspscCode, unitCode: l.unitCode, currency: f.currency }] : []));
    const orderedOn = f.orderSubmittedAt === null ? f.issueDate : osloToday(new Date(f.orderSubmittedAt));
    const { path, suppliers, cheaper } = await this.buyerSide(tx, memo, f.buyerOrganisationId, orderedOn, needs);
    const time = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());
    return f.lines.map((l) => ({
      invoice_line_id: l.invoiceLineId,
      invoice_id: f.invoiceId,
      kind: f.kind,
      invoice_number: f.invoiceNumber,
      buyer_organisation_id: f.buyerOrganisationId,
      buyer_path: path,
      supplier_id: f.supplierId,
      invoice_agreement_id: f.agreementId,
      order_id: f.orderId,
      order_line_id: l.orderLineId,
      currency: f.currency,
      issue_date: f.issueDate,
      received_at: time(f.receivedAt),
      approved_at: time(f.approvedAt),
      order_submitted_at: time(f.orderSubmittedAt),
      unspsc_code: l.unspscCode,
      quantity: l.quantity,
      unit_code: l.unitCode,
      amount: l.amount,
      loyalty: l.loyalty,
      supplier_loyalty: supplierLoyalty(l.loyalty, f.supplierId, suppliers),
      agreement_id: l.agreementId,
      eco_labelled: l.ecoLabelled ?? null,
      ...alternative(cheaper.get(l.invoiceLineId)),
    }));
  }

  /**
   * The buyer's path (itself, then the organisations above it: the subtree rollups of migration
   * 105 count a line for each), its agreement suppliers on the order date `orderedOn`, and the
   * cheapest item of the agreements in force then for each need (that statement only when
   * something leaks).
   */
  private async buyerSide(tx: RequestContext, memo: BuyerMemo, buyerOrganisationId: number, orderedOn: string, needs: Parameters<CataloguesService['cheapestPerNeed']>[2]) {
    const path = await this.buyerPath(tx, buyerOrganisationId, memo);
    const inForce = await memo.once(memo.inForce, `${buyerOrganisationId}|${orderedOn}`, () => this.agreements.inForceOn(tx, buyerOrganisationId, orderedOn));
    const found = await this.catalogues.cheapestPerNeed(
      tx,
      inForce.map((a) => a.id),
      needs,
    );
    return { path, suppliers: new Set(inForce.map((a) => a.supplierId)), cheaper: new Map(found.map((c) => [c.key, c])) };
  }

  /** The buyer, then the organisations above it: the subtree rollups count a fact for each. */
  private buyerPath(tx: RequestContext, buyerOrganisationId: number, memo: BuyerMemo): Promise<number[]> {
    return memo.once(memo.paths, buyerOrganisationId, async () => {
      const above = await this.identity.selfAndAncestorIds(tx, buyerOrganisationId);
      return [buyerOrganisationId, ...above.filter((id) => id !== buyerOrganisationId)];
    });
  }
}

/** What one transaction's events share: a buyer's path, its agreements in force on a day (read once per batch, the same snapshot). */
class BuyerMemo {
  readonly paths = new Map<number, Promise<number[]>>();
  readonly inForce = new Map<string, ReturnType<AgreementsService['inForceOn']>>();

  once<K, V>(map: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
    let found = map.get(key);
    if (!found) map.set(key, (found = read()));
    return found;
  }
}

function alternative(c: CheaperItem | undefined) {
  return {
    alternative_item_id: c?.itemId ?? null,
    alternative_agreement_id: c?.agreementId ?? null,
    alternative_name: c?.name ?? null,
    alternative_unit_price: c?.price ?? null,
    alternative_level: c?.level ?? null,
  };
}
