import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDateString, IsEnum, IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ConnectionType, PageArgs } from '../platform/graphql/connection';
import { InvoiceStatus } from './invoice-status';
import { InvoiceConditionInput } from './invoice-reason-input.types';
import { InvoiceStatusActionInput } from './invoice-status-actions';

export enum InvoiceKindValue {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}
registerEnumType(InvoiceKindValue, { name: 'InvoiceKind', description: 'INVOICE (UBL Invoice) or CREDIT_NOTE (UBL CreditNote, or a negative invoice naming the invoice it corrects).' });

export enum MatchModeValue {
  TWO_WAY = 'TWO_WAY',
  THREE_WAY = 'THREE_WAY',
}
registerEnumType(MatchModeValue, { name: 'InvoiceMatchMode', description: 'TWO_WAY: invoice against order; THREE_WAY: invoice against order and goods received.' });

export enum LineMatchStatusValue {
  MATCHED = 'MATCHED',
  PRICE_VARIANCE = 'PRICE_VARIANCE',
  QUANTITY_VARIANCE = 'QUANTITY_VARIANCE',
  NOT_RECEIVED = 'NOT_RECEIVED',
  NO_ORDER_LINE = 'NO_ORDER_LINE',
  NOT_ON_AGREEMENT = 'NOT_ON_AGREEMENT',
}
registerEnumType(LineMatchStatusValue, {
  name: 'InvoiceLineMatchStatus',
  description:
    'MATCHED; PRICE_VARIANCE: price above the agreed beyond tolerance; QUANTITY_VARIANCE: more than ordered (or received) beyond tolerance; NOT_RECEIVED: three-way, the goods are not received yet; NO_ORDER_LINE: no order line found; NOT_ON_AGREEMENT: an invoice without order whose agreement does not cover the item.',
});

@ObjectType({ description: 'Why an invoice line (or the invoice) did not match: both sides of the difference and what it is worth in NOK.' })
export class InvoiceMatchReason {
  @Field({ description: 'Machine-readable reason, e.g. PRICE_ABOVE_AGREED, QUANTITY_ABOVE_RECEIVED, NOT_RECEIVED, TOTAL_ABOVE_EXPECTED, BUYER_REFERENCE_MISMATCH, ORDER_NOT_CONFIRMED.' })
  code: string;
  @Field({ description: 'The reason in words.' }) message: string;
  @Field(() => String, { nullable: true, description: 'The invoice line (its cbc:ID) the reason is about; null for the whole invoice.' }) lineId: string | null;
  @Field(() => String, { nullable: true, description: 'What was expected (the order’s side): a quantity, unit price, amount or reference.' }) expected: string | null;
  @Field(() => String, { nullable: true, description: 'What the invoice says.' }) actual: string | null;
  @Field(() => String, { nullable: true, description: 'actual − expected, where both are numbers.' }) difference: string | null;
  @Field(() => Decimal, { nullable: true, description: 'The money at stake in NOK.' }) differenceNok: string | null;
}

@ObjectType({ description: 'One line of an invoice or credit note, as the supplier wrote it, with the order line it was matched to.' })
export class InvoiceLine {
  @Field({ description: 'The line’s cbc:ID in the invoice.' }) lineId: string;
  @Field({ description: 'Item name.' }) itemName: string;
  @Field(() => String, { nullable: true, description: 'The supplier’s item number.' }) sellerItemId: string | null;
  @Field(() => String, { nullable: true, description: 'GTIN.' }) gtin: string | null;
  @Field(() => String, { nullable: true, description: 'UNSPSC code, when given.' }) unspscCode: string | null;
  @Field(() => Decimal, { description: 'Quantity invoiced (credited, on a credit note).' }) quantity: string;
  @Field({ description: 'UN/ECE Rec 20 unit code.' }) unitCode: string;
  @Field(() => Decimal, { description: 'Net price per base quantity.' }) netUnitPrice: string;
  @Field(() => Decimal, { description: 'The base quantity the price is for (1 unless given).' }) baseQuantity: string;
  @Field(() => Decimal, { description: 'Line amount excluding VAT.' }) lineAmount: string;
  @Field({ description: 'VAT category (UNCL 5305: S, Z, E…).' }) vatCategory: string;
  @Field(() => Decimal, { description: 'VAT rate in percent.' }) vatRate: string;
  @Field(() => String, { nullable: true, description: 'The order line it names (cac:OrderLineReference/cbc:LineID).' }) orderLineRef: string | null;
  @Field(() => Int, { nullable: true, description: 'The order line it was matched to (internal id), null when none.' }) orderLineId: number | null;
  @Field(() => LineMatchStatusValue, { nullable: true, description: 'The line’s match outcome.' }) matchStatus: LineMatchStatusValue | null;
}

@ObjectType({ description: 'VAT of one category and rate, as the invoice states it.' })
export class InvoiceVatSubtotal {
  @Field({ description: 'VAT category (UNCL 5305).' }) category: string;
  @Field(() => Decimal, { description: 'Rate in percent.' }) rate: string;
  @Field(() => Decimal, { description: 'Amount the VAT is computed on.' }) taxableAmount: string;
  @Field(() => Decimal, { description: 'VAT amount.' }) taxAmount: string;
}

@ObjectType({ description: 'A received invoice or credit note: what it says, what it was matched against, and where it stands.' })
export class Invoice {
  @Field(() => Int, { description: 'Torg’s id.' }) id: number;
  @Field(() => InvoiceKindValue, { description: 'Invoice or credit note.' }) kind: InvoiceKindValue;
  @Field({ description: 'The supplier’s invoice number (cbc:ID).' }) number: string;
  @Field({ description: 'UNCL 1001 type code (380 invoice, 381 credit note…).' }) typeCode: string;
  @Field(() => InvoiceStatus, { description: 'Where it stands.' }) status: InvoiceStatus;
  @Field(() => Int, { description: 'Changes with every step; pass it as expectedVersion when deciding.' }) version: number;
  @Field(() => Int, { description: 'The supplier organisation.' }) supplierId: number;
  @Field(() => Int, { description: 'The buyer organisation invoiced.' }) buyerOrganisationId: number;
  @Field(() => Int, { nullable: true, description: 'The order invoiced; null for an invoice without order.' }) orderId: number | null;
  @Field(() => Int, { nullable: true, description: 'The framework agreement invoiced under.' }) agreementId: number | null;
  @Field(() => Int, { nullable: true, description: 'A credit note: the invoice it credits.' }) creditedInvoiceId: number | null;
  @Field({ description: 'Issue date, YYYY-MM-DD.' }) issueDate: string;
  @Field(() => String, { nullable: true, description: 'Due date, YYYY-MM-DD.' }) dueDate: string | null;
  @Field({ description: 'ISO 4217 currency.' }) currency: string;
  @Field(() => String, { nullable: true, description: 'The buyer’s reference (cbc:BuyerReference).' }) buyerReference: string | null;
  @Field(() => String, { nullable: true, description: 'The order number as written (cac:OrderReference/cbc:ID).' }) orderReference: string | null;
  @Field(() => String, { nullable: true, description: 'The agreement reference as written (cac:ContractDocumentReference/cbc:ID).' }) contractReference: string | null;
  @Field(() => String, { nullable: true, description: 'The buyer’s accounting string (cbc:AccountingCost).' }) accountingCost: string | null;
  @Field(() => Decimal, { description: 'Sum of the line amounts.' }) lineExtensionAmount: string;
  @Field(() => Decimal, { description: 'Total excluding VAT.' }) taxExclusiveAmount: string;
  @Field(() => Decimal, { description: 'VAT.' }) taxAmount: string;
  @Field(() => Decimal, { description: 'Total including VAT.' }) taxInclusiveAmount: string;
  @Field(() => Decimal, { description: 'Amount to pay.' }) payableAmount: string;
  @Field(() => MatchModeValue, { nullable: true, description: 'How it was matched (null when no match was possible).' }) matchMode: MatchModeValue | null;
  @Field(() => Date, { nullable: true, description: 'When it was last matched.' }) matchedAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'Who decided (a person), when a person did.' }) decidedByUserId: number | null;
  @Field(() => Date, { nullable: true, description: 'When a person decided.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The decision’s reason (buyer side only).' }) decisionReason: string | null;
  @Field(() => String, { nullable: true, description: 'The last Invoice Response code the supplier was given (AB received, IP in process, UQ under query, AP accepted, PD paid, RE rejected).' })
  responseCode: string | null;
  @Field(() => String, { nullable: true, description: 'When it was last paid (YYYY-MM-DD), once PARTLY_PAID or PAID.' }) paidOn: string | null;
  @Field(() => String, { nullable: true, description: 'The latest payment’s reference, once PARTLY_PAID or PAID, when the finance system gave one.' }) paymentReference: string | null;
  @Field(() => Decimal, { description: 'What was paid of it so far: 0.00 until paid, the payable amount once PAID.' }) paidAmount: string;
  @Field(() => String, { nullable: true, description: 'Path of the invoice document exactly as received (GET, its supplier and buyer only); null for one not received as a document.' })
  documentPath: string | null;
  @Field({ description: 'When it was received.' }) receivedAt: Date;
  @Field(() => [InvoiceLine], { description: 'The lines, in document order.' }) lines?: InvoiceLine[];
  @Field(() => [InvoiceMatchReason], { description: 'Every reason it did not match (empty when matched).' }) reasons?: InvoiceMatchReason[];
  @Field(() => [InvoiceVatSubtotal], { description: 'VAT per category and rate.' }) vatSubtotals?: InvoiceVatSubtotal[];
}

@ObjectType({ description: 'A page of invoices.' })
export class InvoiceConnection extends ConnectionType(Invoice, 'Invoice') {}

@ArgsType()
export class InvoicesArgs extends PageArgs {
  @Field(() => [InvoiceStatus], { nullable: true, description: 'Only these states.' }) @IsOptional() @IsEnum(InvoiceStatus, { each: true }) status?: InvoiceStatus[];
  @Field(() => Int, { nullable: true, description: 'Buyer side: only from this supplier.' }) @IsOptional() @IsInt() supplierId?: number;
  @Field(() => Int, { nullable: true, description: 'Only invoices of this order.' }) @IsOptional() @IsInt() orderId?: number;
  @Field(() => String, { nullable: true, description: 'Received on or after this date (YYYY-MM-DD).' }) @IsOptional() @IsDateString({ strict: true }) receivedFrom?: string;
  @Field(() => String, { nullable: true, description: 'Received on or before this date (YYYY-MM-DD).' }) @IsOptional() @IsDateString({ strict: true }) receivedTo?: string;
}

@InputType({ description: 'Accounts payable approves an invoice for payment.' })
export class ApproveInvoiceInput {
  @Field(() => Int, { description: 'The invoice.' }) @IsInt() invoiceId: number;
  @Field(() => Int, { description: 'The version you read: nothing happens if it changed meanwhile.' }) @IsInt() expectedVersion: number;
  @Field({ nullable: true, description: 'Why it may be paid as it is: required for an invoice in EXCEPTION (at most 1000 characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
  @Field(() => [InvoiceConditionInput], {
    nullable: true,
    description:
      'Conditions the invoice is accepted on, told to the supplier (Invoice Response CA instead of AP), e.g. PAY "paid on 15 January, not by the due date" or PRI "the credit note for the price difference is awaited" (at most 12). The invoice is approved for payment all the same.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => InvoiceConditionInput)
  conditions?: InvoiceConditionInput[];
}

@InputType({ description: 'Accounts payable sends an invoice back to the supplier.' })
export class DisputeInvoiceInput {
  @Field(() => Int, { description: 'The invoice.' }) @IsInt() invoiceId: number;
  @Field(() => Int, { description: 'The version you read.' }) @IsInt() expectedVersion: number;
  @Field({ description: 'Why, for the supplier (1–1000 characters).' }) @IsString() @Length(1, 1000) reason: string;
  @Field(() => [InvoiceStatusActionInput], {
    nullable: true,
    description:
      'What the supplier is asked to do (OPStatusAction, each code once, at most 5): NIN issue a new invoice, CNF credit fully, CNP credit partially, CNA credit the amount, OTH with a text.',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => InvoiceStatusActionInput)
  actions?: InvoiceStatusActionInput[];
}
