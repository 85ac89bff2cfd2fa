import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { isErrorResult } from '../platform/results/error-result';
import { InvoiceDecisions } from './invoice-decisions.service';
import { InvoicePayments } from './invoice-payments.service';
import { MarkInvoicesPaidInput, MarkInvoicesPaidResult, QueryInvoiceInput } from './invoice-query-payment.types';
import { toInvoice } from './invoice-view';
import { DecideInvoiceResult } from './invoice.results';
import { Invoice } from './invoice.types';

/** Accounts payable's question to a supplier (UQ) and the payments its finance system reports (PD). */
@Resolver(() => Invoice)
export class InvoiceQueryPaymentResolver {
  constructor(
    private readonly decisions: InvoiceDecisions,
    private readonly payments: InvoicePayments,
  ) {}

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Mutation(() => DecideInvoiceResult, {
    description:
      'Puts an invoice in EXCEPTION, WAITING or UNDER_QUERY under query: the supplier is asked with the status reasons (and status actions: PIN, NIN, CNF, …) given (Invoice Response UQ) and the invoice waits for the answer, still re-matched; approve or dispute it later (ACCOUNTS_PAYABLE).',
  })
  async queryInvoice(@Ctx() ctx: RequestContext, @Args('input') input: QueryInvoiceInput) {
    const result = await this.decisions.query(ctx, input);
    return isErrorResult(result) ? result : toInvoice(result, 'buyer');
  }

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Mutation(() => MarkInvoicesPaidResult, {
    description:
      'Marks approved invoices paid, as the bank confirmed them (ACCOUNTS_PAYABLE: a person or the finance system): each paid all that remains becomes PAID, each paid a part (paidAmounts) PARTLY_PAID, and its supplier is answered PD with the payment date (and for a part, the status reason PPD with what was paid and what remains). All or nothing; paying more than remains is refused; the same payment reported again changes nothing.',
  })
  markInvoicesPaid(@Ctx() ctx: RequestContext, @Args('input') input: MarkInvoicesPaidInput) {
    return this.payments.markPaid(ctx, input);
  }
}
