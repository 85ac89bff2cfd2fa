import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../platform/context/request-context';
import { Outbox } from '../platform/outbox/outbox';
import { checkInvoiceFact, checkMatchFact, checkOrderFact } from './spend-fact-checks';
import { InvoiceMatchFact, InvoiceSpendFact, OrderSpendFact, SPEND_TOPIC, SpendEvent } from './spend-facts.types';

/**
 * How ordering and invoicing hand spend to insights: each call, made in the caller's business
 * transaction, queues one outbox row (one statement) with a self-contained payload; the
 * handler (SpendFactWriter) writes the facts and finds the cheaper agreement alternative off
 * the request path. So a fact exists if and only if the business change committed, and an
 * approval pays one INSERT for it.
 */
@Injectable()
export class SpendFacts {
  constructor(private readonly outbox: Outbox) {}

  /** An order was approved (or its lines changed by accepted changes: call again, the latest replaces). */
  orderApproved(tx: RequestContext | EntityManager, fact: OrderSpendFact): Promise<void> {
    checkOrderFact(fact);
    return this.enqueue(tx, `order:${fact.orderId}`, { event: 'orderApproved', recordedAt: now(), fact });
  }

  /**
   * An order was closed by the buyer: `fact` is the order as bought, each line at what was
   * delivered of it (lines of which nothing was delivered left out). It replaces the approval's
   * lines as a newer approval would: the undelivered part was never bought, so it leaves ordered
   * spend, loyalty and leakage; invoiced spend is not touched.
   */
  orderClosed(tx: RequestContext | EntityManager, fact: OrderSpendFact): Promise<void> {
    checkOrderFact(fact);
    return this.enqueue(tx, `order:${fact.orderId}`, { event: 'orderClosed', recordedAt: now(), fact });
  }

  /** An approved order will not be bought after all (cancelled by the buyer, declined by the supplier). */
  orderCancelled(tx: RequestContext | EntityManager, orderId: number): Promise<void> {
    return this.enqueue(tx, `order:${orderId}`, { event: 'orderCancelled', recordedAt: now(), orderId });
  }

  /** An invoice was matched (again): its status now and the reasons of an exception. */
  invoiceMatched(tx: RequestContext | EntityManager, fact: InvoiceMatchFact): Promise<void> {
    checkMatchFact(fact);
    return this.enqueue(tx, `invoice:${fact.invoiceId}`, { event: 'invoiceMatched', recordedAt: now(), fact });
  }

  /** An invoice or credit note was approved: invoiced spend. */
  invoiceApproved(tx: RequestContext | EntityManager, fact: InvoiceSpendFact): Promise<void> {
    checkInvoiceFact(fact);
    return this.enqueue(tx, `invoice:${fact.invoiceId}`, { event: 'invoiceApproved', recordedAt: now(), fact });
  }

  /** An invoice was matched and approved in the same step: invoiceMatched and invoiceApproved in one outbox row. */
  invoiceMatchedAndApproved(tx: RequestContext | EntityManager, match: InvoiceMatchFact, fact: InvoiceSpendFact): Promise<void> {
    checkMatchFact(match);
    checkInvoiceFact(fact);
    if (match.invoiceId !== fact.invoiceId) throw new Error(`the match (invoice ${match.invoiceId}) and the approval (invoice ${fact.invoiceId}) are of different invoices`);
    return this.enqueue(tx, `invoice:${fact.invoiceId}`, { event: 'invoiceMatchedAndApproved', recordedAt: now(), match, fact });
  }

  private enqueue(tx: RequestContext | EntityManager, key: string, event: SpendEvent): Promise<void> {
    return this.outbox.enqueue(tx, SPEND_TOPIC, key, event);
  }
}

const now = () => new Date().toISOString();
