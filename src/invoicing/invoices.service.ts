import { Injectable } from '@nestjs/common';
import { IdentityService } from '../identity/identity.service';
import { Role } from '../identity/role';
import { RequestContext } from '../platform/context/request-context';
import { notFound } from '../platform/errors/domain-error';
import { Connection, decodeOffset, toConnection } from '../platform/graphql/connection';
import { PageArgs } from '../platform/graphql/connection';
import { InvoiceListScope, InvoiceRepository } from './invoice.repository';
import type { InvoicesArgs } from './invoice.types';
import type { InvoiceEntity, InvoiceLineEntity, InvoiceMatchReasonEntity, InvoiceVatSubtotalEntity } from './invoicing.entities';

/** Buyer roles that read invoices: accounts payable, and purchasers following their spend. */
export const INVOICE_READERS = [Role.ACCOUNTS_PAYABLE, Role.PURCHASER];

/** Who looks: the buyer side (its organisation and those below it) or a supplier (its own invoices). */
export type InvoiceViewer = { side: 'buyer'; organisationIds: number[] } | { side: 'supplier'; supplierId: number };

/**
 * Invoices as their parties see them. A buyer's ACCOUNTS_PAYABLE or PURCHASER sees its
 * organisation's invoices and those of the organisations below it; a supplier's SUPPLIER_ADMIN
 * (person or machine) sees only the invoices it sent. Anyone else is told NOT_FOUND.
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly identity: IdentityService,
  ) {}

  async viewer(ctx: RequestContext): Promise<InvoiceViewer> {
    if (ctx.hasRole(Role.SUPPLIER_ADMIN)) return { side: 'supplier', supplierId: ctx.user.organisationId };
    return { side: 'buyer', organisationIds: await this.identity.selfAndDescendantIds(ctx, [ctx.user.organisationId]) };
  }

  /** Whether the viewer may see the invoice. */
  sees(viewer: InvoiceViewer, invoice: Pick<InvoiceEntity, 'supplierId' | 'buyerOrganisationId'>): boolean {
    return viewer.side === 'supplier' ? invoice.supplierId === viewer.supplierId : viewer.organisationIds.includes(invoice.buyerOrganisationId);
  }

  async invoice(ctx: RequestContext, id: number): Promise<{ invoice: InvoiceEntity; viewer: InvoiceViewer }> {
    const viewer = await this.viewer(ctx);
    const invoice = await this.invoices.find(ctx, id);
    if (!invoice || !this.sees(viewer, invoice)) throw notFound('Invoice', id);
    return { invoice, viewer };
  }

  async list(ctx: RequestContext, args: InvoicesArgs): Promise<{ page: Connection<InvoiceEntity>; viewer: InvoiceViewer }> {
    const viewer = await this.viewer(ctx);
    const scope: InvoiceListScope = viewer.side === 'supplier' ? { supplierId: viewer.supplierId } : { buyerOrganisationIds: viewer.organisationIds };
    const offset = decodeOffset(args.after);
    const { rows, total } = await this.invoices.list(
      ctx,
      scope,
      { statuses: args.status, supplierId: args.supplierId, orderId: args.orderId, from: args.receivedFrom, to: args.receivedTo },
      offset,
      args.first,
    );
    return { page: toConnection(rows, offset, args.first, total), viewer };
  }

  /** The accounts payable queue: EXCEPTION and WAITING invoices of the caller's organisation and those below it, oldest first. */
  async exceptions(ctx: RequestContext, args: PageArgs): Promise<Connection<InvoiceEntity>> {
    const organisationIds = await this.identity.selfAndDescendantIds(ctx, [ctx.user.organisationId]);
    const offset = decodeOffset(args.after);
    const { rows, total } = await this.invoices.queue(ctx, organisationIds, offset, args.first);
    return toConnection(rows, offset, args.first, total);
  }

  linesOf(ctx: RequestContext, ids: readonly number[]): Promise<Map<number, InvoiceLineEntity[]>> {
    return this.invoices.linesOf(ctx, ids);
  }

  reasonsOf(ctx: RequestContext, ids: readonly number[]): Promise<Map<number, InvoiceMatchReasonEntity[]>> {
    return this.invoices.reasonsOf(ctx, ids);
  }

  subtotalsOf(ctx: RequestContext, ids: readonly number[]): Promise<Map<number, InvoiceVatSubtotalEntity[]>> {
    return this.invoices.subtotalsOf(ctx, ids);
  }
}
