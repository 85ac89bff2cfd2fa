import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { requestLoader } from '../platform/graphql/request-loader';
import { isErrorResult } from '../platform/results/error-result';
import { InvoiceDecisions } from './invoice-decisions.service';
import { toInvoice, toInvoiceLine, toMatchReason, toVatSubtotal } from './invoice-view';
import { DecideInvoiceResult } from './invoice.results';
import { ApproveInvoiceInput, DisputeInvoiceInput, Invoice, InvoiceConnection, InvoiceLine, InvoiceMatchReason, InvoicesArgs, InvoiceVatSubtotal } from './invoice.types';
import type { InvoiceEntity, InvoiceLineEntity } from './invoicing.entities';
import { INVOICE_READERS, InvoicesService } from './invoices.service';

const asConnection = (page: { edges: { node: InvoiceEntity; cursor: string }[] }, viewer: 'buyer' | 'supplier') => ({
  ...page,
  edges: page.edges.map((e) => ({ ...e, node: toInvoice(e.node, viewer) })),
});

/** Invoices and credit notes: read them (buyer side or supplier), the accounts payable queue, and decisions. */
@Resolver(() => Invoice)
export class InvoicesResolver {
  constructor(
    private readonly reading: InvoicesService,
    private readonly decisions: InvoiceDecisions,
  ) {}

  @Allow(...INVOICE_READERS, Role.SUPPLIER_ADMIN)
  @Query(() => Invoice, {
    description: 'One invoice or credit note: the buyer side (ACCOUNTS_PAYABLE, PURCHASER) sees its organisation’s and those below it; a supplier sees those it sent. Others: NOT_FOUND.',
  })
  async invoice(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int, description: 'The invoice.' }) id: number) {
    const { invoice, viewer } = await this.reading.invoice(ctx, id);
    return toInvoice(invoice, viewer.side);
  }

  @Allow(...INVOICE_READERS, Role.SUPPLIER_ADMIN)
  @Query(() => InvoiceConnection, { description: 'Invoices and credit notes, newest first: the buyer side’s (its organisation and those below it), or a supplier’s own.' })
  async invoices(@Ctx() ctx: RequestContext, @Args() args: InvoicesArgs) {
    const { page, viewer } = await this.reading.list(ctx, args);
    return asConnection(page, viewer.side);
  }

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Query(() => InvoiceConnection, {
    description: 'The accounts payable queue: invoices in EXCEPTION or WAITING of the caller’s organisation and those below it, oldest first, each with its reasons (ACCOUNTS_PAYABLE).',
  })
  async invoiceExceptions(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return asConnection(await this.reading.exceptions(ctx, args), 'buyer');
  }

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Mutation(() => DecideInvoiceResult, {
    description:
      'Approves an invoice in EXCEPTION or WAITING for payment (a reason is required); the order’s commitment becomes invoiced spend and the supplier is answered AP, or CA (conditionally accepted) with the conditions when some are given (ACCOUNTS_PAYABLE).',
  })
  async approveInvoice(@Ctx() ctx: RequestContext, @Args('input') input: ApproveInvoiceInput) {
    return asInvoice(await this.decisions.approve(ctx, input));
  }

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Mutation(() => DecideInvoiceResult, {
    description:
      'Disputes an invoice in EXCEPTION, WAITING or UNDER_QUERY: it goes back to the supplier (answered RE) with the reason and the status actions asked, if any (NIN issue a new invoice, CNF credit fully, …) (ACCOUNTS_PAYABLE).',
  })
  async disputeInvoice(@Ctx() ctx: RequestContext, @Args('input') input: DisputeInvoiceInput) {
    return asInvoice(await this.decisions.dispute(ctx, input));
  }

  @ResolveField(() => [InvoiceLine], { description: 'The lines, in document order.' })
  async lines(@Ctx() ctx: RequestContext, @Parent() invoice: Invoice) {
    return (await this.linesOf(ctx, invoice.id)).map(toInvoiceLine);
  }

  @ResolveField(() => [InvoiceMatchReason], { description: 'Every reason it did not match, lines’ first (empty when matched).' })
  async reasons(@Ctx() ctx: RequestContext, @Parent() invoice: Invoice) {
    const [reasons, lines] = await Promise.all([
      requestLoader(ctx, 'invoiceReasons', async (ids: readonly number[]) => {
        const byInvoice = await this.reading.reasonsOf(ctx, ids);
        return ids.map((id) => byInvoice.get(id) ?? []);
      }).load(invoice.id),
      this.linesOf(ctx, invoice.id),
    ]);
    const lineIds = new Map(lines.map((l) => [l.id, l.lineId]));
    return reasons.map((r) => toMatchReason(r, (id) => lineIds.get(id)));
  }

  @ResolveField(() => [InvoiceVatSubtotal], { description: 'VAT per category and rate.' })
  async vatSubtotals(@Ctx() ctx: RequestContext, @Parent() invoice: Invoice) {
    const subtotals = await requestLoader(ctx, 'invoiceSubtotals', async (ids: readonly number[]) => {
      const byInvoice = await this.reading.subtotalsOf(ctx, ids);
      return ids.map((id) => byInvoice.get(id) ?? []);
    }).load(invoice.id);
    return subtotals.map(toVatSubtotal);
  }

  private linesOf(ctx: RequestContext, invoiceId: number): Promise<InvoiceLineEntity[]> {
    return requestLoader(ctx, 'invoiceLines', async (ids: readonly number[]) => {
      const byInvoice = await this.reading.linesOf(ctx, ids);
      return ids.map((id) => byInvoice.get(id) ?? []);
    }).load(invoiceId);
  }
}

const asInvoice = <R>(result: InvoiceEntity | R): Invoice | R => (isErrorResult(result) ? result : toInvoice(result as InvoiceEntity, 'buyer'));
