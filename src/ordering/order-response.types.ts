import { UnknownOrderLineError } from './order-line.errors';
import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import Decimal from 'decimal.js';
import { IsDate } from '../platform/graphql/input-formats';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';
import { Order, OrderStateError, OrderVersionConflictError } from './order.types';

/** The supplier's answer to an order; the values are the UBL codes (UNCL 4343) stored and written in documents. */
export enum ResponseCode {
  ACCEPTED = 'AP',
  REJECTED = 'RE',
  CONDITIONALLY_ACCEPTED = 'CA',
  ACKNOWLEDGED = 'AB',
}
registerEnumType(ResponseCode, {
  name: 'OrderResponseCode',
  description: 'The supplier’s answer to an order (UBL cbc:OrderResponseCode, UNCL 4343).',
  valuesMap: {
    ACCEPTED: { description: 'AP: accepted as ordered; the order becomes ACCEPTED.' },
    REJECTED: { description: 'RE: refused; the order becomes DECLINED and its commitment is released.' },
    CONDITIONALLY_ACCEPTED: { description: 'CA: accepted with changes to some lines; the order becomes CHANGED until the buyer accepts or rejects them.' },
    ACKNOWLEDGED: { description: 'AB: received, a decision follows; the order stays SENT.' },
  },
});

/** What the supplier says of one line; the values are the UBL line status codes stored. */
export enum LineAnswer {
  ACCEPTED = '5',
  NOT_ACCEPTED = '7',
  CHANGED = '3',
}
registerEnumType(LineAnswer, {
  name: 'OrderResponseLineStatus',
  description: 'What the supplier says of one line (UBL cbc:LineStatusCode).',
  valuesMap: {
    ACCEPTED: { description: '5: accepted as ordered.' },
    NOT_ACCEPTED: { description: '7: not accepted: accepting the changes takes the line out (quantity 0, CANCELLED).' },
    CHANGED: { description: '3: changed: quantity, price, promised delivery or a substitute item.' },
  },
});

export enum ReceivedViaKind {
  API = 'API',
  DOCUMENT = 'DOCUMENT',
}
registerEnumType(ReceivedViaKind, { name: 'OrderResponseReceivedVia', description: 'API: respondToOrder; DOCUMENT: an Order Response document on POST /documents.' });

const DECIMAL = /^\d{1,14}(\.\d{1,4})?$/;
const decimalMessage = (field: string) => `${field} must be a decimal such as "12" or "45.0700": not negative, at most 14 digits before the decimal point and 4 after`;

@ObjectType({ description: 'The item the supplier delivers instead of the one ordered.' })
export class SubstituteItem {
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Its name.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Its GTIN.' }) gtin: string | null;
}

@InputType('SubstituteItemInput', { description: 'The item delivered instead.' })
export class SubstituteItemInput {
  @Field({ description: 'The supplier’s item number (1 to 100 characters).' }) @IsString() @Length(1, 100) sellerItemId: string;
  @Field({ description: 'Its name (1 to 300 characters).' }) @IsString() @Length(1, 300) name: string;
  @Field({ nullable: true, description: 'Its GTIN (8, 12, 13 or 14 digits).' }) @IsOptional() @Matches(/^(\d{8}|\d{12,14})$/, { message: 'gtin must be 8, 12, 13 or 14 digits' }) gtin?: string;
}

@InputType({ description: 'The answer for one order line (only in a CONDITIONALLY_ACCEPTED answer).' })
export class RespondToOrderLineInput {
  @Field({ description: 'The order line’s lineId (UBL LineID).' }) @IsString() @Length(1, 20) lineId: string;
  @Field(() => LineAnswer, { description: 'Accepted, not accepted or changed.' }) @IsEnum(LineAnswer) status: LineAnswer;
  @Field({ nullable: true, description: 'The quantity the supplier can deliver (CHANGED), in the line’s unit.' })
  @IsOptional()
  @Matches(DECIMAL, { message: decimalMessage('quantity') })
  quantity?: string;
  @Field({ nullable: true, description: 'The unit price excluding VAT the supplier asks (CHANGED), in the order’s currency.' })
  @IsOptional()
  @Matches(DECIMAL, { message: decimalMessage('price') })
  price?: string;
  @Field({ nullable: true, description: 'Promised delivery from, YYYY-MM-DD.' }) @IsOptional() @IsDate('promisedDeliveryStart') promisedDeliveryStart?: string;
  @Field({ nullable: true, description: 'Promised delivery until, YYYY-MM-DD.' }) @IsOptional() @IsDate('promisedDeliveryEnd') promisedDeliveryEnd?: string;
  @Field(() => SubstituteItemInput, { nullable: true, description: 'The item delivered instead (CHANGED).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubstituteItemInput)
  substitute?: SubstituteItemInput;
  @Field({ nullable: true, description: 'Note on the line (at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

@InputType({ description: 'The supplier’s answer to an order sent to it (PEPPOL BIS Order Response rules: AP, RE and AB carry no lines; CA carries them).' })
export class RespondToOrderInput {
  @Field(() => Int, { description: 'The order.' }) @IsInt() orderId: number;
  @Field(() => ResponseCode, { description: 'ACCEPTED (AP), REJECTED (RE), CONDITIONALLY_ACCEPTED (CA) or ACKNOWLEDGED (AB).' }) @IsEnum(ResponseCode) responseCode: ResponseCode;
  @Field({ nullable: true, description: 'Note to the buyer (at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
  @Field(() => [RespondToOrderLineInput], { nullable: true, description: 'CONDITIONALLY_ACCEPTED only: the lines changed or not accepted (and any accepted); a line not named is accepted.' })
  @IsOptional()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => RespondToOrderLineInput)
  lines?: RespondToOrderLineInput[];
  @Field(() => Int, { nullable: true, description: 'Act only if the order is still at this version (as you read it).' }) @IsOptional() @IsInt() expectedVersion?: number;
}

@ObjectType({ description: 'The supplier’s answer for one order line.' })
export class OrderResponseLine {
  @Field(() => Int, { description: 'The order line’s internal id.' }) orderLineId: number;
  @Field({ description: 'The order line’s lineId (UBL LineID).' }) lineId: string;
  @Field(() => LineAnswer, { description: 'Accepted, not accepted or changed.' }) status: LineAnswer;
  @Field(() => Decimal, { nullable: true, description: 'The quantity the supplier can deliver.' }) quantity: string | null;
  @Field(() => Decimal, { nullable: true, description: 'The unit price excluding VAT the supplier asks.' }) price: string | null;
  @Field(() => String, { nullable: true, description: 'Promised delivery from, YYYY-MM-DD.' }) promisedDeliveryStart: string | null;
  @Field(() => String, { nullable: true, description: 'Promised delivery until, YYYY-MM-DD.' }) promisedDeliveryEnd: string | null;
  @Field(() => SubstituteItem, { nullable: true, description: 'The item delivered instead.' }) substitute: SubstituteItem | null;
  @Field(() => String, { nullable: true, description: 'Note on the line.' }) note: string | null;
}

@ObjectType({ description: 'One answer of the supplier to an order (UBL Order Response), as received; never changed afterwards.' })
export class OrderResponse {
  @Field(() => Int, { description: 'Internal id.' }) id: number;
  @Field(() => Int, { description: 'The order answered.' }) orderId: number;
  @Field(() => ResponseCode, { description: 'The answer (AP, RE, CA or AB).' }) responseCode: ResponseCode;
  @Field(() => String, { nullable: true, description: 'The supplier’s document id (cbc:ID) when received as a document.' }) documentId: string | null;
  @Field({ description: 'Issue date, YYYY-MM-DD.' }) issueDate: string;
  @Field(() => String, { nullable: true, description: 'Note to the buyer.' }) note: string | null;
  @Field(() => String, { nullable: true, description: 'Promised delivery of the whole order from, YYYY-MM-DD.' }) promisedDeliveryStart: string | null;
  @Field(() => String, { nullable: true, description: 'Promised delivery of the whole order until, YYYY-MM-DD.' }) promisedDeliveryEnd: string | null;
  @Field(() => ReceivedViaKind, { description: 'Through the API or as a document.' }) receivedVia: ReceivedViaKind;
  @Field(() => Int, { nullable: true, description: 'The supplier’s user who answered.' }) byUserId: number | null;
  @Field(() => Int, { nullable: true, description: 'The supplier’s machine client that answered.' }) byMachineClientId: number | null;
  @Field({ description: 'When it was received.' }) createdAt: Date;
  @Field(() => [OrderResponseLine], { description: 'The lines answered (CA only), by line number.' }) lines: OrderResponseLine[];
}

@ObjectType({ description: 'The answer was recorded and the order moved accordingly.' })
export class OrderResponseRecorded {
  @Field(() => Order, { description: 'The order as it stands now.' }) order: Order;
  @Field(() => OrderResponse, { description: 'The answer recorded.' }) response: OrderResponse;
}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'The answer contradicts itself or the order (lines on AP/RE/AB, a CA that changes nothing, a change on an accepted line…). Nothing was recorded.',
})
export class InvalidOrderResponseError extends ErrorResult {
  errorCode = 'INVALID_ORDER_RESPONSE';
  @Field(() => String, { nullable: true, description: 'The line concerned, if one.' }) lineId: string | null;

  static of(message: string, lineId?: string): InvalidOrderResponseError {
    return Object.assign(new InvalidOrderResponseError(), { message, lineId: lineId ?? null });
  }
}

export const RespondToOrderResult = resultUnion({
  name: 'RespondToOrderResult',
  description: 'The answer recorded with the order, or why nothing was recorded.',
  types: () => [OrderResponseRecorded, OrderStateError, OrderVersionConflictError, UnknownOrderLineError, InvalidOrderResponseError] as const,
});

export const AcceptOrderChangesResult = resultUnion({
  name: 'AcceptOrderChangesResult',
  description: 'The order with the supplier’s changes applied, or why nothing changed.',
  types: () => [Order, OrderStateError, OrderVersionConflictError] as const,
});

export const RejectOrderChangesResult = resultUnion({
  name: 'RejectOrderChangesResult',
  description: 'The cancelled order, or why nothing changed.',
  types: () => [Order, OrderStateError, OrderVersionConflictError] as const,
});
