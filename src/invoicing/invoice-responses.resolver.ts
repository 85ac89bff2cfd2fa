import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { InvoiceResponse } from './invoice-response.types';
import { InvoiceResponseViews } from './invoice-response-views';
import { Invoice } from './invoice.types';
import { INVOICE_READERS } from './invoices.service';

/** The Invoice Responses sent about an invoice: a query of their own, and a field of Invoice. */
@Resolver(() => Invoice)
export class InvoiceResponsesResolver {
  constructor(private readonly views: InvoiceResponseViews) {}

  @Allow(Role.SUPPLIER_ADMIN, ...INVOICE_READERS)
  @Query(() => [InvoiceResponse], { description: 'The Invoice Responses sent about an invoice or credit note, oldest first: to its supplier and its buyer (NOT_FOUND for anyone else).' })
  invoiceResponses(@Ctx() ctx: RequestContext, @Args('invoiceId', { type: () => Int }) invoiceId: number) {
    return this.views.list(ctx, invoiceId);
  }

  @ResolveField(() => [InvoiceResponse], { description: 'The Invoice Responses sent to the supplier about it (AB, IP, UQ, RE, AP…), oldest first.' })
  responses(@Ctx() ctx: RequestContext, @Parent() invoice: Invoice) {
    // The invoice was shown to the caller already: its supplier's or its buyer's.
    return this.views.ofVisibleInvoice(ctx, invoice.id);
  }
}
