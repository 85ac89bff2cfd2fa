import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { CreateInvoiceFromOrderInput, CreateInvoiceFromOrderResult } from './portal-invoice.types';
import { PortalInvoices } from './portal-invoices.service';

/** The supplier portal's invoice from an order (for suppliers with no e-invoicing system). */
@Resolver()
export class PortalInvoicesResolver {
  constructor(private readonly portal: PortalInvoices) {}

  @Allow(Role.SUPPLIER_ADMIN)
  @Mutation(() => CreateInvoiceFromOrderResult, {
    description:
      'Torg writes the EHF invoice (PEPPOL BIS Billing 3) for one of your confirmed orders, from the order as agreed (partial quantities allowed), and receives it as POST /documents would: checked, stored, a reused number refused, and matched against the order (SUPPLIER_ADMIN of the order’s supplier; others: NOT_FOUND).',
  })
  createInvoiceFromOrder(@Ctx() ctx: RequestContext, @Args('input') input: CreateInvoiceFromOrderInput) {
    return this.portal.create(ctx, input);
  }
}
