import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import Decimal from 'decimal.js';
import { IsDate } from '../platform/graphql/input-formats';
import { ErrorResult } from '../platform/results/error-result';
import { Order, OrderLineState } from './order.types';

/** A quantity of 0 or more, up to four decimals (numeric(18,4)). */
const QUANTITY = /^\d{1,14}(\.\d{1,4})?$/;
/** As QUANTITY, with a digit other than 0 somewhere: more than 0. */
const POSITIVE_QUANTITY = /^(?=[\d.]*[1-9])\d{1,14}(\.\d{1,4})?$/;
/** A quantity received (positive) or returned (negative). */
const SIGNED_QUANTITY = /^-?\d{1,14}(\.\d{1,4})?$/;
/** At most this many lines in one despatch advice or receipt given by the API. */
export const MAX_LINES_PER_CALL = 1000;

export enum DespatchChannel {
  API = 'API',
  DOCUMENT = 'DOCUMENT',
}
registerEnumType(DespatchChannel, { name: 'DespatchChannel', description: 'API: registered by the supplier over GraphQL; DOCUMENT: a PEPPOL Despatch Advice received on POST /documents.' });

@ObjectType({ description: 'One order line in a despatch advice.' })
export class DespatchAdviceLine {
  @Field({ description: 'The order line (OrderLine.lineId, the UBL LineID).' }) lineId: string;
  @Field(() => Decimal, { description: 'Quantity despatched now, in the order line’s unit.' }) deliveredQuantity: string;
  @Field(() => Decimal, { nullable: true, description: 'Quantity still to come, as the supplier says.' }) outstandingQuantity: string | null;
  @Field(() => String, { nullable: true, description: 'Why some is still to come.' }) outstandingReason: string | null;
  @Field({ description: 'UN/ECE Rec. 20 unit code (the order line’s).' }) unitCode: string;
}

@ObjectType({ description: 'The supplier’s notice that goods of an order are on their way (PEPPOL Despatch Advice). Information for the receiver: it does not change the order’s state.' })
export class DespatchAdvice {
  @Field(() => Int, { description: 'Internal id.' }) id: number;
  @Field(() => Int, { description: 'The order.' }) orderId: number;
  @Field({ description: 'The supplier’s id of the despatch (cbc:ID), unique per order.' }) despatchId: string;
  @Field({ description: 'When the supplier issued it, YYYY-MM-DD.' }) issueDate: string;
  @Field(() => String, { nullable: true, description: 'Expected delivery date (the start of the period, when a period is given), YYYY-MM-DD.' }) expectedDeliveryDate: string | null;
  @Field(() => String, { nullable: true, description: 'The end of the expected delivery period, YYYY-MM-DD.' }) expectedDeliveryEndDate: string | null;
  @Field(() => String, { nullable: true, description: 'The supplier’s note.' }) note: string | null;
  @Field(() => DespatchChannel, { description: 'How it reached Torg.' }) via: DespatchChannel;
  @Field(() => Int, { nullable: true, description: 'The supplier’s user who registered it (null for a machine client).' }) createdByUserId: number | null;
  @Field(() => Int, { nullable: true, description: 'The supplier’s machine client that registered or sent it.' }) createdByClientId: number | null;
  @Field({ description: 'When Torg received it.' }) createdAt: Date;
  @Field(() => [DespatchAdviceLine], { description: 'Its lines, by order line.' }) lines: DespatchAdviceLine[];
}

@ObjectType({ description: 'One order line in a goods receipt.' })
export class GoodsReceiptLine {
  @Field({ description: 'The order line (OrderLine.lineId).' }) lineId: string;
  @Field(() => Decimal, { description: 'Quantity received, in the order line’s unit; negative for a return.' }) quantity: string;
  @Field({ description: 'UN/ECE Rec. 20 unit code (the order line’s).' }) unitCode: string;
  @Field(() => String, { nullable: true, description: 'Why (always given for a return).' }) reason: string | null;
  @Field({ description: 'The receiver confirmed taking in more than ordered.' }) overReceiptConfirmed: boolean;
}

@ObjectType({ description: 'Goods of an order received (or returned) by the buyer at one time.' })
export class GoodsReceipt {
  @Field(() => Int, { description: 'Internal id.' }) id: number;
  @Field(() => Int, { description: 'The order.' }) orderId: number;
  @Field(() => Int, { description: 'Who received them.' }) receivedByUserId: number;
  @Field({ description: 'When.' }) receivedAt: Date;
  @Field(() => String, { nullable: true, description: 'The receiver’s note.' }) note: string | null;
  @Field(() => Int, { nullable: true, description: 'The despatch advice they came with, when named.' }) despatchAdviceId: number | null;
  @Field(() => [GoodsReceiptLine], { description: 'Its lines.' }) lines: GoodsReceiptLine[];
}

@InputType({ description: 'One order line despatched.' })
export class DespatchLineInput {
  @Field({ description: 'The order line (OrderLine.lineId).' }) @IsString() @Length(1, 20) lineId: string;
  @Field(() => Decimal, { description: 'Quantity despatched, in the order line’s unit (more than 0, up to four decimals).' })
  @Type(() => String)
  @Matches(POSITIVE_QUANTITY, { message: 'deliveredQuantity must be a decimal more than 0 with at most 14 digits before the decimal point and 4 after' })
  deliveredQuantity: string;
  @Field(() => Decimal, { nullable: true, description: 'Quantity still to come (0 or more, up to four decimals).' })
  @IsOptional()
  @Type(() => String)
  @Matches(QUANTITY, { message: 'outstandingQuantity must be a decimal of at least 0 with at most 14 digits before the decimal point and 4 after' })
  outstandingQuantity?: string;
  @Field({ nullable: true, description: 'Why some is still to come (at most 500 characters).' }) @IsOptional() @IsString() @Length(1, 500) outstandingReason?: string;
}

@InputType({ description: 'A supplier’s despatch of goods of an order.' })
export class RegisterDespatchInput {
  @Field(() => Int, { description: 'The order.' }) @IsInt() orderId: number;
  @Field({ description: 'The supplier’s id of the despatch (1 to 200 characters), unique per order.' })
  @IsString()
  @Matches(/\S/, { message: 'despatchId must not be blank' })
  @Length(1, 200)
  despatchId: string;
  @Field({ nullable: true, description: 'Expected delivery date, YYYY-MM-DD.' }) @IsOptional() @IsDate('expectedDeliveryDate') expectedDeliveryDate?: string;
  @Field({ nullable: true, description: 'Note to the receiver (at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
  @Field(() => [DespatchLineInput], { description: 'The lines despatched (at least one).' })
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_LINES_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => DespatchLineInput)
  lines: DespatchLineInput[];
}

@InputType({ description: 'One order line received or returned.' })
export class ReceiveLineInput {
  @Field({ description: 'The order line (OrderLine.lineId).' }) @IsString() @Length(1, 20) lineId: string;
  @Field(() => Decimal, { description: 'Quantity received in the order line’s unit; negative for a return (not 0, up to four decimals).' })
  @Type(() => String)
  @Matches(SIGNED_QUANTITY, { message: 'quantity must be a decimal with at most 14 digits before the decimal point and 4 after (negative for a return)' })
  quantity: string;
  @Field({ nullable: true, description: 'Why: required for a return (3 to 1000 characters).' }) @IsOptional() @IsString() @Length(3, 1000) reason?: string;
}

@InputType({ description: 'Goods of an order received, or returned.' })
export class ReceiveGoodsInput {
  @Field(() => Int, { description: 'The order.' }) @IsInt() orderId: number;
  @Field(() => [ReceiveLineInput], { description: 'The lines received or returned (at least one, each line once).' })
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_LINES_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => ReceiveLineInput)
  lines: ReceiveLineInput[];
  @Field({ nullable: true, description: 'Note (at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
  @Field({ nullable: true, description: 'Receive more than ordered on a line (recorded on the line).' }) @IsOptional() @IsBoolean() confirmOverReceipt?: boolean;
  @Field(() => Int, { nullable: true, description: 'The despatch advice of the order the goods came with.' }) @IsOptional() @IsInt() @Min(1) despatchAdviceId?: number;
  @Field(() => Int, { nullable: true, description: 'Act only if the order is still at this version.' }) @IsOptional() @IsInt() expectedVersion?: number;
}

@ObjectType({ description: 'The despatch was recorded; the order is unchanged.' })
export class DespatchRegistered {
  @Field(() => Order, { description: 'The order.' }) order: Order;
  @Field(() => DespatchAdvice, { description: 'The despatch advice recorded.' }) despatchAdvice: DespatchAdvice;
}

@ObjectType({ description: 'The goods were received (or returned); the order moved on accordingly.' })
export class GoodsReceived {
  @Field(() => Order, { description: 'The order, in its state after the receipt.' }) order: Order;
  @Field(() => GoodsReceipt, { description: 'The receipt recorded.' }) receipt: GoodsReceipt;
}

@ObjectType({ description: 'A line the receipt would take beyond its ordered quantity.' })
export class OverReceiptLine {
  @Field({ description: 'The order line.' }) lineId: string;
  @Field(() => Decimal, { description: 'Ordered (as it stands).' }) ordered: string;
  @Field(() => Decimal, { description: 'Received before this receipt.' }) receivedBefore: string;
  @Field(() => Decimal, { description: 'In this receipt.' }) receiving: string;
}

@ObjectType({ implements: () => [ErrorResult], description: 'Receiving more than ordered needs confirmOverReceipt: true. Nothing was recorded.' })
export class OverReceiptError extends ErrorResult {
  errorCode = 'OVER_RECEIPT';
  @Field(() => [OverReceiptLine], { description: 'The lines over their ordered quantity.' }) lines: OverReceiptLine[];
}

@ObjectType({ description: 'A line whose return is more than was received.' })
export class ReturnBeyondReceivedLine {
  @Field({ description: 'The order line.' }) lineId: string;
  @Field(() => Decimal, { description: 'Received so far (net of returns).' }) received: string;
  @Field(() => Decimal, { description: 'The quantity returned (positive).' }) returning: string;
}

@ObjectType({ implements: () => [ErrorResult], description: 'A return cannot take a line below nothing received. Nothing was recorded.' })
export class ReturnBeyondReceivedError extends ErrorResult {
  errorCode = 'RETURN_BEYOND_RECEIVED';
  @Field(() => [ReturnBeyondReceivedLine], { description: 'The lines.' }) lines: ReturnBeyondReceivedLine[];
}

@ObjectType({ description: 'A line nothing is to be received on.' })
export class UnreceivableLine {
  @Field({ description: 'The order line.' }) lineId: string;
  @Field(() => OrderLineState, { description: 'Its status (NOT_ACCEPTED by the supplier, or CANCELLED).' }) status: OrderLineState;
}

@ObjectType({ implements: () => [ErrorResult], description: 'Lines the supplier did not accept or the buyer cancelled cannot be received. Nothing was recorded.' })
export class LineNotReceivableError extends ErrorResult {
  errorCode = 'LINE_NOT_RECEIVABLE';
  @Field(() => [UnreceivableLine], { description: 'The lines.' }) lines: UnreceivableLine[];
}

@ObjectType({ implements: () => [ErrorResult], description: 'The order has a despatch advice with this despatch id already. Nothing was recorded.' })
export class DuplicateDespatchError extends ErrorResult {
  errorCode = 'DUPLICATE_DESPATCH';
  @Field(() => Int, { description: 'The despatch advice registered before.' }) despatchAdviceId: number;
}
