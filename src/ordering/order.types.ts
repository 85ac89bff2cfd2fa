import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import Decimal from 'decimal.js';
import { ConnectionType, PageArgs } from '../platform/graphql/connection';
import { IsDate } from '../platform/graphql/input-formats';
import { ErrorResult } from '../platform/results/error-result';
import { JustificationCode, LineKind, LineLoyalty, LineStatus } from './cart-line-kinds';
import { OrderStatus } from './order-status';
import type { OrderLineStatus } from './purchase-order-line.entity';

export enum OrderLineState {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  CHANGED = 'CHANGED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderLineState, {
  name: 'OrderLineStatus',
  description: 'What the supplier said of a line: OPEN until answered; ACCEPTED; NOT_ACCEPTED; CHANGED (quantity, price, date or a substitute, see the order response); CANCELLED by the buyer.',
});

export enum ApprovalRouteKind {
  WITHIN_OWN_LIMIT = 'WITHIN_OWN_LIMIT',
  NEEDS_APPROVAL = 'NEEDS_APPROVAL',
}
registerEnumType(ApprovalRouteKind, {
  name: 'RequisitionApprovalRoute',
  description: 'WITHIN_OWN_LIMIT: approved at submit within the requester’s personal limit; NEEDS_APPROVAL: sent to an approver.',
});

@ObjectType({ description: 'One line of an order, as submitted from the cart (the snapshot of the catalogue item, or the free-text need).' })
export class OrderLine {
  @Field(() => Int, { description: 'Internal id.' }) id: number;
  @Field({ description: 'The line number in the order document (UBL LineID), which the supplier’s answers name.' }) lineId: string;
  @Field(() => LineKind, { description: 'Catalogue item or free text.' }) kind: LineKind;
  @Field({ description: 'Item name, or the free-text description.' }) name: string;
  @Field({ description: 'UNSPSC commodity code.' }) unspscCode: string;
  @Field(() => Decimal, { description: 'Quantity ordered (as accepted, once the buyer accepts a supplier’s change).' }) quantity: string;
  @Field({ description: 'UN/ECE Rec. 20 unit code.' }) unitCode: string;
  @Field(() => Decimal, { description: 'Unit price excluding VAT, in the order’s currency.' }) price: string;
  @Field(() => Decimal, { description: 'VAT rate in percent.' }) vatRate: string;
  @Field(() => Decimal, { description: 'Quantity × price, rounded to two decimals.' }) lineAmount: string;
  @Field(() => String, { nullable: true, description: 'The catalogue item (catalogue lines).' }) catalogueItemId: string | null;
  @Field(() => Int, { nullable: true, description: 'The catalogue version the terms come from.' }) catalogueVersionId: number | null;
  @Field(() => Int, { nullable: true, description: 'The agreement the item was bought under.' }) agreementId: number | null;
  @Field(() => String, { nullable: true, description: 'The supplier’s item number.' }) sellerItemId: string | null;
  @Field(() => String, { nullable: true, description: 'GTIN.' }) gtin: string | null;
  @Field(() => LineLoyalty, { description: 'Bought on agreement, off agreement (justified) or in a category no agreement covers.' }) loyalty: LineLoyalty;
  @Field(() => JustificationCode, { nullable: true, description: 'Why an off-agreement line was bought.' }) justificationCode: JustificationCode | null;
  @Field(() => String, { nullable: true, description: 'The requester’s explanation.' }) justificationText: string | null;
  @Field(() => OrderLineState, { description: 'What the supplier said of the line.' }) status: OrderLineStatus;
  @Field(() => String, { nullable: true, description: 'The supplier’s item number of the item delivered instead, once the buyer accepted the substitution.' }) substituteSellerItemId: string | null;
  @Field(() => String, { nullable: true, description: 'The name of the item delivered instead.' }) substituteName: string | null;
  @Field(() => String, { nullable: true, description: 'The GTIN of the item delivered instead.' }) substituteGtin: string | null;
}

@ObjectType({ description: 'A requisition (before approval) and the order it becomes: the buyer’s, the approver’s and the supplier’s view of one purchase.' })
export class Order {
  @Field(() => Int, { description: 'Internal id.' }) id: number;
  @Field({ description: 'Requisition number, given at submit (REQ-<year>-<n>).' }) requisitionNumber: string;
  @Field(() => String, { nullable: true, description: 'Order number, given at approval (PO-<year>-<n>); the order document’s ID. Null while a requisition.' }) number: string | null;
  @Field(() => OrderStatus, { description: 'Where it stands.' }) status: OrderStatus;
  @Field(() => Int, { description: 'Optimistic-lock version: pass it as expectedVersion to act only on the order as you read it.' }) version: number;
  @Field(() => Int, { description: 'The buyer organisation.' }) buyerOrganisationId: number;
  @Field(() => Int, { description: 'Who submitted it.' }) requesterUserId: number;
  @Field(() => Int, { nullable: true, description: 'The supplier organisation (null when the supplier is not registered in Torg).' }) supplierId: number | null;
  /** As stored: only a supplier outside Torg; the field resolver (OrdersResolver.supplierName) names a registered one. */
  supplierName: string | null;
  @Field(() => Int, { nullable: true, description: 'The framework agreement the order is placed under (its catalogue lines’).' }) agreementId: number | null;
  @Field(() => Int, { description: 'Cost centre charged.' }) costCentreId: number;
  @Field(() => Int, { description: 'Budget year committed against.' }) budgetYear: number;
  @Field(() => String, { nullable: true, description: 'Accounting string (sent as AccountingCost).' }) accountingString: string | null;
  @Field(() => Int, { description: 'Where to deliver.' }) deliveryAddressId: number;
  @Field(() => String, { nullable: true, description: 'Wanted delivery date, YYYY-MM-DD.' }) wantedDeliveryDate: string | null;
  @Field(() => String, { nullable: true, description: 'Note to the supplier.' }) noteToSupplier: string | null;
  @Field(() => String, { nullable: true, description: 'The buyer’s own reference as given at checkout; null when none was given (then the requisition number is sent: see invoiceReference).' })
  customerReference: string | null;
  @Field({
    description:
      'What the invoice must return as BuyerReference: the order document’s CustomerReference, that is the buyer’s own reference, or the requisition number when none was given. Invoice matching compares against it.',
  })
  invoiceReference: string;
  @Field({ description: 'ISO 4217 currency.' }) currency: string;
  @Field(() => Decimal, { description: 'Sum of the rounded line amounts, excluding VAT (what is committed).' }) lineExtensionAmount: string;
  @Field(() => Decimal, { description: 'VAT, per rate, rounded once per rate.' }) vatAmount: string;
  @Field(() => Decimal, { description: 'Total including VAT.' }) taxInclusiveAmount: string;
  @Field(() => ApprovalRouteKind, { description: 'How it was routed at submit.' }) approvalRoute: ApprovalRouteKind;
  @Field(() => Int, { nullable: true, description: 'Who approved or rejected it (the requester when within their own limit).' }) decidedByUserId: number | null;
  @Field(() => Int, { nullable: true, description: 'When a substitute decided: the approver they stood in for.' }) decidedOnBehalfOfUserId: number | null;
  @Field(() => Date, { nullable: true, description: 'When it was approved or rejected.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The approver’s comment.' }) decisionComment: string | null;
  @Field(() => String, { nullable: true, description: 'Why the approver committed beyond the cost centre’s remaining budget.' }) budgetOverrideReason: string | null;
  @Field({ description: 'When it was submitted.' }) submittedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was handed to the supplier.' }) sentAt: Date | null;
  @Field(() => [OrderLine], { description: 'The lines, by line number.' }) lines?: OrderLine[];
}

@ObjectType()
export class OrderConnection extends ConnectionType(Order, 'Order') {}

@InputType({ description: 'Where the requisitions of a cart are charged and delivered.' })
export class SubmitCartInput {
  @Field(() => Int, { description: 'Cost centre to charge (the organisation’s, active).' }) @IsInt() @Min(1) costCentreId: number;
  @Field(() => Int, { description: 'Delivery address (the organisation’s, active).' }) @IsInt() @Min(1) deliveryAddressId: number;
  @Field({ nullable: true, description: 'Wanted delivery date, YYYY-MM-DD (today or later).' }) @IsOptional() @IsDate('wantedDeliveryDate') wantedDeliveryDate?: string;
  @Field({ nullable: true, description: 'Accounting string, sent to the supplier as AccountingCost and returned on the invoice (at most 100 characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  accountingString?: string;
  @Field({ nullable: true, description: 'Note to the supplier (at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) noteToSupplier?: string;
  @Field({ nullable: true, description: 'The buyer’s reference the invoice must return; defaults to the requisition number (at most 100 characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  customerReference?: string;
}

@ObjectType({ description: 'The cart became requisitions, one per supplier (and agreement); those within the requester’s own limit are approved and sent at once.' })
export class CartSubmitted {
  @Field(() => [Order], { description: 'The requisitions created.' }) requisitions: Order[];
}

@ObjectType({ description: 'A cart line that cannot be ordered as it stands.' })
export class BlockedCartLine {
  @Field(() => Int, { description: 'The cart line.' }) lineId: number;
  @Field({ description: 'Its name.' }) name: string;
  @Field(() => LineStatus, { description: 'Why: repriced, withdrawn, agreement not in force …' }) status: LineStatus;
  @Field({ description: 'For people.' }) reason: string;
}

@ObjectType({ implements: () => [ErrorResult], description: 'Some lines cannot be ordered as they stand: replace or remove them, then submit again. Nothing was submitted.' })
export class CartNotOrderableError extends ErrorResult {
  errorCode = 'CART_NOT_ORDERABLE';
  @Field(() => [BlockedCartLine], { description: 'The lines and why.' }) lines: BlockedCartLine[];

  static of(lines: BlockedCartLine[]): CartNotOrderableError {
    return Object.assign(new CartNotOrderableError(), { lines, message: `${lines.length} line(s) cannot be ordered as they stand: ${lines.map((l) => `${l.name}: ${l.reason}`).join('; ')}` });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The cart is empty: nothing to submit.' })
export class CartEmptyError extends ErrorResult {
  errorCode = 'CART_EMPTY';
  static of(): CartEmptyError {
    return Object.assign(new CartEmptyError(), { message: 'The cart is empty: add items before submitting' });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'Nobody holds authority on the cost centre for the amount, so the requisition could not be routed. Nothing was submitted.' })
export class NoApproverError extends ErrorResult {
  errorCode = 'NO_APPROVER';
  @Field(() => Int, { description: 'The cost centre.' }) costCentreId: number;
  @Field(() => Decimal, { description: 'The amount excluding VAT that needs approval.' }) amount: string;

  static of(costCentreId: number, amount: string, requisition: string): NoApproverError {
    return Object.assign(new NoApproverError(), {
      costCentreId,
      amount,
      message: `No approver has authority on cost centre ${costCentreId} for NOK ${amount} (${requisition}); ask your administrator to grant an approver right, or split the purchase`,
    });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'Nobody approves their own requisition.' })
export class SelfApprovalError extends ErrorResult {
  errorCode = 'SELF_APPROVAL';
  static of(requisition: string): SelfApprovalError {
    return Object.assign(new SelfApprovalError(), { message: `You submitted ${requisition}; someone else must approve it` });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The caller has no authority (own or delegated) on the cost centre for the amount.' })
export class NotAuthorisedToApproveError extends ErrorResult {
  errorCode = 'NOT_AUTHORISED_TO_APPROVE';
  @Field(() => Decimal, { description: 'The amount excluding VAT.' }) amount: string;

  static of(requisition: string, costCentreId: number, amount: string): NotAuthorisedToApproveError {
    return Object.assign(new NotAuthorisedToApproveError(), { amount, message: `You have no authority on cost centre ${costCentreId} for NOK ${amount} (${requisition})` });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The order is in a state where this step is not allowed.' })
export class OrderStateError extends ErrorResult {
  errorCode = 'INVALID_ORDER_STATE';
  @Field(() => OrderStatus, { description: 'The order’s current state.' }) status: OrderStatus;

  static of(status: OrderStatus, message: string): OrderStateError {
    return Object.assign(new OrderStateError(), { status, message });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The order was changed since you read it (its version moved on): read it again and decide on what it is now.' })
export class OrderVersionConflictError extends ErrorResult {
  errorCode = 'ORDER_VERSION_CONFLICT';
  @Field(() => Int, { description: 'Its version now.' }) currentVersion: number;

  static of(number: string, expected: number, current: number): OrderVersionConflictError {
    return Object.assign(new OrderVersionConflictError(), { currentVersion: current, message: `${number} is at version ${current}, not ${expected}: it changed since you read it` });
  }
}

@InputType({ description: 'An approver’s decision.' })
export class DecideRequisitionInput {
  @Field(() => Int, { description: 'The requisition.' }) @IsInt() orderId: number;
  @Field({ nullable: true, description: 'Comment to the requester (required when rejecting; at most 1000 characters).' }) @IsOptional() @IsString() @Length(1, 1000) comment?: string;
  @Field({ nullable: true, description: 'Approving beyond the cost centre’s remaining budget needs a reason (at most 1000 characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  budgetOverrideReason?: string;
  @Field(() => Int, { nullable: true, description: 'Act only if the order is still at this version (as you read it).' }) @IsOptional() @IsInt() expectedVersion?: number;
}

@InputType({ description: 'Taking an order back.' })
export class CancelOrderInput {
  @Field(() => Int, { description: 'The order.' }) @IsInt() orderId: number;
  @Field({ description: 'Why (kept in the audit log; at least 3 characters).' }) @IsString() @Length(3, 1000) reason: string;
  @Field(() => Int, { nullable: true, description: 'Act only if the order is still at this version.' }) @IsOptional() @IsInt() expectedVersion?: number;
}

@InputType({ description: 'The buyer closes an order that will get no more goods.' })
export class CloseOrderInput {
  @Field(() => Int, { description: 'The order (ACCEPTED, PARTIALLY_RECEIVED or RECEIVED).' }) @IsInt() orderId: number;
  @Field({ description: 'Why nothing more will come (kept in the audit log; at least 3 characters).' }) @IsString() @Length(3, 1000) reason: string;
  @Field(() => Int, { nullable: true, description: 'Act only if the order is still at this version.' }) @IsOptional() @IsInt() expectedVersion?: number;
}

@ArgsType()
export class OrdersArgs extends PageArgs {
  @Field(() => [OrderStatus], { nullable: true, description: 'Only these states.' }) @IsOptional() @IsEnum(OrderStatus, { each: true }) status?: OrderStatus[];
  @Field({ defaultValue: false, description: 'Buyer side: only the caller’s own requisitions and orders.' }) mine: boolean;
}
