import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import Decimal from 'decimal.js';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsDateString, IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';
import { InvoiceStatus } from './invoice-status';
import { InvoiceStatusActionInput } from './invoice-status-actions';
import { InvoiceQueryReasonInput } from './invoice-reason-input.types';
import { Invoice } from './invoice.types';

export { QUERY_REASON_CODES, InvoiceQueryReasonInput } from './invoice-reason-input.types';
export type { QueryReasonCode } from './invoice-reason-input.types';

@InputType({ description: 'Accounts payable asks the supplier about an invoice (Invoice Response UQ); the invoice waits for the answer.' })
export class QueryInvoiceInput {
  @Field(() => Int, { description: 'The invoice.' }) @IsInt() invoiceId: number;
  @Field(() => Int, { description: 'The version you read: nothing happens if it changed meanwhile.' }) @IsInt() expectedVersion: number;
  @Field(() => [InvoiceQueryReasonInput], { description: 'Why, one or more status reasons with text (at most 14).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => InvoiceQueryReasonInput)
  reasons: InvoiceQueryReasonInput[];
  @Field(() => [InvoiceStatusActionInput], {
    nullable: true,
    description:
      'What the supplier is asked to do (OPStatusAction, each code once, at most 6): PIN provide information, NIN issue a new invoice, CNF/CNP/CNA credit fully/partly/the amount, OTH with a text.',
  })
  @IsOptional()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => InvoiceStatusActionInput)
  actions?: InvoiceStatusActionInput[];
  @Field({ nullable: true, description: 'A note to the supplier beside the reasons (cbc:Note, at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

@InputType({ description: 'What was paid of one invoice of a payment report, when not all that remains of it.' })
export class InvoicePaidAmountInput {
  @Field(() => Int, { description: 'The invoice (one of invoiceIds).' }) @IsInt() invoiceId: number;
  @Field(() => Decimal, {
    description:
      'The amount paid now, in the invoice’s currency: more than 0, at most 2 decimals, at most what remains to pay. Less than what remains leaves it PARTLY_PAID. The same amount on the same date with the same (or no) paymentReference as an earlier part payment is that payment again: see paymentReference.',
  })
  // Checked in the service, which names the entry (paidAmounts[i]) in its errors.
  @Type(() => String)
  @IsString()
  amount: string;
}

@InputType({ description: 'The finance system paid approved invoices, in full or in part: their payment date, reference and, for a part payment, the amount.' })
export class MarkInvoicesPaidInput {
  @Field(() => [Int], { description: 'The invoices paid (1–500, each approved, partly paid, or paid already with the same payment).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsInt({ each: true })
  invoiceIds: number[];
  @Field(() => [InvoicePaidAmountInput], {
    nullable: true,
    description: 'The amount paid of those invoices of invoiceIds that were not paid in full: an invoice not named here is paid all that remains of its payable amount.',
  })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => InvoicePaidAmountInput)
  paidAmounts?: InvoicePaidAmountInput[];
  @Field({ description: 'The payment date, YYYY-MM-DD (not in the future: a scheduled payment is not paid yet).' }) @IsDateString({ strict: true }) paidOn: string;
  @Field({
    nullable: true,
    description:
      'The payment’s reference, 1–200 characters: best the bank’s own id of the payment (camt.054 end-to-end or account servicer reference), else the payment run’s. It is what tells payments apart: a payment of an invoice with the same date, amount and reference as one recorded before is that payment reported again (a retried request or payment file) and changes nothing, and so is one without a reference that matches an earlier one without a reference. To record two genuine payments of the same amount on the same day, give each its own reference.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  paymentReference?: string;
}

@ObjectType({ description: 'The invoices as paid; those reported before with the same payment are included unchanged.' })
export class InvoicesPaid {
  @Field(() => [Invoice], { description: 'Every invoice of the request, in the order asked.' }) invoices: Invoice[];
  @Field(() => Int, { description: 'How many were paid now, in full or in part (answered PD); the others had this payment already.' }) newlyPaid: number;
}

@ObjectType({ description: 'Why one invoice of a payment report cannot be marked paid.' })
export class UnpayableInvoice {
  @Field(() => Int, { description: 'The invoice.' }) invoiceId: number;
  @Field(() => InvoiceStatus, { description: 'Its state.' }) status: InvoiceStatus;
  @Field({ description: 'Why, in words.' }) message: string;
}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'Some invoices cannot be marked paid (not approved, a credit note, paid already with another payment, or paid more than remains): nothing was marked.',
})
export class InvoicesNotPayableError extends ErrorResult {
  errorCode = 'INVOICES_NOT_PAYABLE';
  @Field(() => [UnpayableInvoice], { description: 'Each invoice refused and why.' }) invoices: UnpayableInvoice[];

  static of(invoices: UnpayableInvoice[]): InvoicesNotPayableError {
    return Object.assign(new InvoicesNotPayableError(), {
      invoices,
      message: `${invoices.length} of the invoices cannot be marked paid, so none was: ${invoices.map((i) => `${i.invoiceId}: ${i.message}`).join('; ')}`,
    });
  }
}

export const MarkInvoicesPaidResult = resultUnion({
  name: 'MarkInvoicesPaidResult',
  description: 'The invoices as paid, or which cannot be and why (nothing marked then).',
  types: () => [InvoicesPaid, InvoicesNotPayableError] as const,
});
