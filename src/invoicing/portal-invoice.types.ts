import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';
import { OrderStateError } from '../ordering/order.types';
import { Invoice } from './invoice.types';

@InputType({ description: 'How much of one order line to invoice.' })
export class InvoiceFromOrderLineInput {
  @Field({ description: 'The order line (OrderLine.lineId).' }) @IsString() @Length(1, 50) lineId: string;
  @Field({ description: 'Quantity to invoice, in the line’s unit: more than 0 and at most as agreed, up to four decimals (0 leaves the line out).' })
  @IsString()
  @Length(1, 30)
  quantity: string;
}

@InputType({ description: 'A supplier without an e-invoicing system asks Torg to write the EHF invoice (PEPPOL BIS Billing 3) for one of its orders.' })
export class CreateInvoiceFromOrderInput {
  @Field(() => Int, { description: 'The order (sent to the caller’s organisation, and accepted).' }) @IsInt() orderId: number;
  @Field({ nullable: true, description: 'Your invoice number (1–200 characters, unique among your invoices); the order number with a running suffix (PO-…-1) when left out.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  invoiceNumber?: string;
  @Field({ nullable: true, description: 'Issue date, YYYY-MM-DD; today (Oslo) when left out.' }) @IsOptional() @IsString() issueDate?: string;
  @Field({ nullable: true, description: 'Due date, YYYY-MM-DD, not before the issue date; 30 days after it when left out.' }) @IsOptional() @IsString() dueDate?: string;
  @Field(() => [InvoiceFromOrderLineInput], { nullable: true, description: 'Partial quantities by line; every accepted line in full when left out.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => InvoiceFromOrderLineInput)
  lines?: InvoiceFromOrderLineInput[];
  @Field({ description: 'The account to pay to: a Norwegian account number (11 digits) or an IBAN; check digits are verified.' }) @IsString() @Length(1, 50) paymentAccount: string;
  @Field({ nullable: true, description: 'KID (customer identification number) for the payment, 2–25 digits.' }) @IsOptional() @IsString() @Length(1, 40) kid?: string;
  @Field({ nullable: true, description: 'A note on the invoice (at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
  @Field({
    nullable: true,
    description:
      'A key the client makes once per invoice it means to create (e.g. a UUID; 1–200 visible ASCII characters, no spaces) and sends again on every retry: a retry with the key answers the invoice the first request made instead of making a second; the key with a different request is refused (IdempotencyKeyReusedError). Keys are per supplier organisation, held on every server, and taken only by a request that made an invoice.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'idempotencyKey must be 1 to 200 visible ASCII characters (no spaces), e.g. a UUID' })
  idempotencyKey?: string;
}

@ObjectType({ description: 'The invoice Torg wrote and received for the supplier: stored, checked and matched as any received invoice.' })
export class InvoiceCreatedFromOrder {
  @Field(() => Invoice, { description: 'The invoice as received and matched (its status: MATCHED invoices are APPROVED, others EXCEPTION or WAITING).' }) invoice: Invoice;
}

@ObjectType({ description: 'One thing wrong with the request, or with the invoice it would make.' })
export class InvoiceFromOrderProblem {
  @Field(() => String, { nullable: true, description: 'The input field at fault (`invoiceNumber`, `lines[0].quantity`…), when it is one.' }) field: string | null;
  @Field(() => String, { nullable: true, description: 'Where in the invoice document, when Torg’s checks of the document found it.' }) path: string | null;
  @Field(() => String, { nullable: true, description: 'The EN 16931 / PEPPOL rule, when one was broken.' }) rule: string | null;
  @Field({ description: 'What is wrong and what to do, for people.' }) message: string;
}

@ObjectType({ implements: () => [ErrorResult], description: 'No invoice was made: each problem says which field to correct (nothing was stored).' })
export class InvoiceFromOrderRefused extends ErrorResult {
  errorCode = 'INVOICE_FROM_ORDER_REFUSED';
  @Field(() => [InvoiceFromOrderProblem], { description: 'Every problem found.' }) problems: InvoiceFromOrderProblem[];

  static of(problems: InvoiceFromOrderProblem[]): InvoiceFromOrderRefused {
    const said = problems.map((p) => (p.field ? `${p.field} ${p.message}` : p.message)).join('; ');
    return Object.assign(new InvoiceFromOrderRefused(), { problems, message: `The invoice was not made: ${said}` });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'You sent an invoice with this number already: choose another number (nothing was stored).' })
export class DuplicateInvoiceNumberError extends ErrorResult {
  errorCode = 'DUPLICATE_INVOICE_NUMBER';
  @Field({ description: 'The number given.' }) invoiceNumber: string;

  static of(invoiceNumber: string): DuplicateInvoiceNumberError {
    return Object.assign(new DuplicateInvoiceNumberError(), { invoiceNumber, message: `You sent invoice ${invoiceNumber} already: give this invoice a number of its own` });
  }
}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'The idempotency key made an invoice already, for a different request: nothing was made; send a new key for a new invoice, or the first request again to get its invoice.',
})
export class IdempotencyKeyReusedError extends ErrorResult {
  errorCode = 'IDEMPOTENCY_KEY_REUSED';
  @Field({ description: 'The key sent.' }) idempotencyKey: string;
  @Field(() => Int, { description: 'The invoice the key made.' }) invoiceId: number;
  @Field(() => [String], { description: 'The input fields that differ from the request that made it (`orderId`, `lines`, `paymentAccount`…).' }) differentFields: string[];

  static of(idempotencyKey: string, invoiceId: number, differentFields: string[]): IdempotencyKeyReusedError {
    return Object.assign(new IdempotencyKeyReusedError(), {
      idempotencyKey,
      invoiceId,
      differentFields,
      message: `Idempotency key ${idempotencyKey} made invoice ${invoiceId} for another request (${differentFields.join(', ')} differ): use a new key for a new invoice`,
    });
  }
}

export const CreateInvoiceFromOrderResult = resultUnion({
  name: 'CreateInvoiceFromOrderResult',
  description: 'The invoice made, received and matched (or, for a retry with its idempotency key, the invoice the first request made); or why none was made.',
  types: () => [InvoiceCreatedFromOrder, InvoiceFromOrderRefused, DuplicateInvoiceNumberError, OrderStateError, IdempotencyKeyReusedError] as const,
});
