import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import Decimal from 'decimal.js';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';
import { JustificationCode, LineKind, LineLoyalty, LineStatus } from './cart-line-kinds';

registerEnumType(LineKind, { name: 'CartLineKind', description: 'An item from a published catalogue, or a need described in free text.' });
registerEnumType(LineLoyalty, {
  name: 'CartLineLoyalty',
  description: 'How a line stands to the buyer’s framework agreements, decided when it was added.',
  valuesMap: {
    ON_AGREEMENT: { description: 'An item of an agreement’s catalogue.' },
    OFF_AGREEMENT: { description: 'Bought outside an agreement in force whose scope covers the category.' },
    NOT_COVERED: { description: 'No agreement in force for the buyer covers the category.' },
  },
});
registerEnumType(JustificationCode, {
  name: 'OffAgreementJustification',
  description: 'Why a requester buys outside an agreement that covers the category.',
  valuesMap: {
    ITEM_NOT_IN_AGREEMENT: { description: 'The agreement does not hold the item needed.' },
    URGENT_NEED: { description: 'The need cannot wait for the agreement’s delivery.' },
    SUPPLIER_CANNOT_DELIVER: { description: 'The agreement’s supplier cannot deliver.' },
    OTHER: { description: 'Another reason, given in the text.' },
  },
});
registerEnumType(LineStatus, {
  name: 'CartLineStatus',
  description: 'Whether a line can still be ordered as it stands (checked each time the cart is read; the line itself is never changed).',
  valuesMap: {
    ORDERABLE: { description: 'The item is in force on the terms it was added on.' },
    ESTIMATE: { description: 'A free-text line: an estimate, nothing in a catalogue to check.' },
    REPRICED: { description: 'A newer catalogue version holds the item at another price (currentPrice).' },
    ITEM_CHANGED: { description: 'A newer catalogue version holds the item with another unit or VAT rate.' },
    ITEM_WITHDRAWN: { description: 'The catalogue version in force no longer holds the item.' },
    ITEM_UNAVAILABLE: { description: 'The catalogue in force holds the item but it cannot be ordered today: not orderable by itself, not valid yet, or no longer valid (see reason).' },
    AGREEMENT_NOT_IN_FORCE: { description: 'The agreement is no longer (or not yet) in force.' },
    NOT_PARTICIPANT: { description: 'The buyer’s organisation no longer takes part in the agreement.' },
  },
});

const DECIMAL = /^\d{1,14}(\.\d{1,4})?$/;

@ObjectType({ description: 'Whether a line can be ordered as it stands, and why not.' })
export class CartLineCheck {
  @Field(() => LineStatus, { description: 'The line’s standing.' }) status: LineStatus;
  @Field(() => String, { nullable: true, description: 'Why the line cannot be ordered as it stands, for people (null when it can).' }) reason: string | null;
  @Field(() => Decimal, { nullable: true, description: 'The unit price in the catalogue version in force, when it differs from the line’s.' }) currentPrice: string | null;
  @Field(() => String, { nullable: true, description: 'The item in the catalogue version in force, when another than the line’s: replaceCartLineWithItem takes its terms.' })
  currentItemId: string | null;
}

@ObjectType({ description: 'The VAT of one rate.' })
export class CartVatSubtotal {
  @Field(() => Decimal, { description: 'VAT rate in percent.' }) rate: string;
  @Field(() => Decimal, { description: 'Sum of the rounded line amounts at this rate.' }) taxableAmount: string;
  @Field(() => Decimal, { description: 'Taxable amount × rate, rounded to two decimals.' }) vatAmount: string;
}

@ObjectType({ description: 'Totals of some lines in one currency, rounded as PEPPOL BIS 3 requires (each line amount first, VAT per rate).' })
export class CartTotal {
  @Field({ description: 'ISO 4217 currency.' }) currency: string;
  @Field(() => Decimal, { description: 'Sum of the line amounts, excluding VAT.' }) lineExtensionAmount: string;
  @Field(() => Decimal, { description: 'Sum of the VAT per rate.' }) vatAmount: string;
  @Field(() => Decimal, { description: 'Total including VAT.' }) taxInclusiveAmount: string;
  @Field(() => [CartVatSubtotal], { description: 'VAT per rate, highest rate first.' }) vatBreakdown: CartVatSubtotal[];
}

@ObjectType({ description: 'A line of a cart: a snapshot of a catalogue item as it was when added, or a free-text need with an estimate.' })
export class CartLine {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field(() => Int, { description: 'Number within the cart, in the order lines were added.' }) lineNo: number;
  @Field(() => LineKind, { description: 'Catalogue item or free text.' }) kind: LineKind;
  @Field({ description: 'Item name, or the free-text description.' }) name: string;
  @Field({ description: 'UNSPSC code.' }) unspscCode: string;
  @Field(() => Decimal, { description: 'Quantity, in the unit.' }) quantity: string;
  @Field({ description: 'UN/ECE Rec 20 unit code.' }) unitCode: string;
  @Field(() => Decimal, { description: 'Unit price excluding VAT: the agreed price when added, or the estimate.' }) unitPrice: string;
  @Field({ description: 'ISO 4217 currency of the price.' }) currency: string;
  @Field(() => Decimal, { description: 'VAT rate in percent.' }) vatRate: string;
  @Field(() => Decimal, { description: 'Quantity × unit price, rounded to two decimals.' }) lineAmount: string;
  @Field(() => Decimal, { description: 'VAT of this line alone, rounded (the totals take VAT per rate, which may differ by a few øre).' }) lineVat: string;
  @Field(() => String, { nullable: true, description: 'The catalogue item added (catalogue lines).' }) catalogueItemId: string | null;
  @Field(() => Int, { nullable: true, description: 'The catalogue version it was added from (catalogue lines).' }) catalogueVersionId: number | null;
  @Field(() => Int, { nullable: true, description: 'The agreement it was added under (catalogue lines).' }) agreementId: number | null;
  @Field(() => String, { nullable: true, description: 'The supplier’s item number (catalogue lines).' }) sellerItemId: string | null;
  @Field(() => String, { nullable: true, description: 'GTIN (catalogue lines).' }) gtin: string | null;
  @Field(() => Int, { nullable: true, description: 'The supplier: the catalogue’s, or the preferred supplier of a free-text line.' }) supplierId: number | null;
  @Field(() => String, { nullable: true, description: 'The supplier’s name (registered, or as the requester wrote it).' }) supplierName: string | null;
  @Field(() => LineLoyalty, { description: 'Agreement loyalty, decided when the line was added.' }) loyalty: LineLoyalty;
  @Field(() => [Int], { description: 'Off-agreement lines: the agreements in force whose scope covers the category.' }) coveringAgreementIds: number[];
  @Field(() => JustificationCode, { nullable: true, description: 'Why the line is bought outside the agreement, when given.' }) justificationCode: JustificationCode | null;
  @Field(() => String, { nullable: true, description: 'The requester’s explanation.' }) justificationText: string | null;
  @Field(() => CartLineCheck, { description: 'Whether the line can be ordered as it stands, checked now.' }) check: CartLineCheck;
  @Field({ description: 'When the line was added.' }) addedAt: Date;
}

@ObjectType({ description: 'The lines of one supplier: each group becomes one requisition when the cart is submitted.' })
export class CartSupplierGroup {
  @Field({ description: 'Stable key of the group: "supplier:<id>", "name:<preferred supplier as written>" or "unassigned".' }) key: string;
  @Field(() => Int, { nullable: true, description: 'The supplier organisation, when registered in Torg.' }) supplierId: number | null;
  @Field(() => String, { nullable: true, description: 'The supplier’s name (null for lines with no supplier chosen).' }) supplierName: string | null;
  @Field(() => [CartLine], { description: 'The group’s lines.' }) lines: CartLine[];
  @Field(() => [CartTotal], { description: 'The group’s totals, one per currency.' }) totals: CartTotal[];
}

@ObjectType({ description: 'The caller’s open cart in their organisation.' })
export class Cart {
  @Field(() => Int, { nullable: true, description: 'Torg id; null until the first line is added.' }) id: number | null;
  @Field(() => [CartLine], { description: 'Every line, in the order added.' }) lines: CartLine[];
  @Field(() => [CartSupplierGroup], { description: 'The lines grouped per supplier.' }) supplierGroups: CartSupplierGroup[];
  @Field(() => [CartTotal], { description: 'Totals of the whole cart, one per currency.' }) totals: CartTotal[];
  @Field({ description: 'True when every line is orderable as it stands (catalogue lines ORDERABLE, free-text lines estimates).' }) allOrderable: boolean;
  @Field(() => Date, { nullable: true, description: 'When the cart last changed.' }) updatedAt: Date | null;
}

@ObjectType({ description: 'An agreement item the buyer may order instead of an off-agreement line, with what switching saves.' })
export class AgreementAlternative {
  @Field({ description: 'The catalogue item (give it to replaceCartLineWithItem).' }) itemId: string;
  @Field({ description: 'Item name.' }) name: string;
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'UNSPSC code.' }) unspscCode: string;
  @Field(() => Decimal, { description: 'Agreed unit price excluding VAT.' }) price: string;
  @Field({ description: 'ISO 4217 currency.' }) currency: string;
  @Field({ description: 'UN/ECE Rec 20 unit code (compare it with the line’s before trusting the saving).' }) unitCode: string;
  @Field(() => Int, { description: 'The agreement.' }) agreementId: number;
  @Field(() => Int, { description: 'The supplier.' }) supplierId: number;
  @Field(() => Decimal, { nullable: true, description: 'Requested unit price minus this price (negative: dearer); null when the currencies differ.' }) savingPerUnit: string | null;
  @Field(() => Decimal, { nullable: true, description: 'The saving for the line’s quantity, rounded like line amounts; null when the currencies differ.' }) savingForLine: string | null;
}

@ObjectType({ description: 'An agreement (reference and title), as named in a refusal.' })
export class AgreementRef {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field({ description: 'The purchasing unit’s reference.' }) reference: string;
  @Field({ description: 'Title.' }) title: string;
}

@ObjectType({ description: 'The line added (or replaced), the cart after it, and for an off-agreement line the agreement items that could replace it.' })
export class CartLineAdded {
  // `line` and `cart` are fields of CartLineAddedResolver: each is built when asked for (once per
  // answer), so a client that asks only whether the add worked does not pay for the cart's re-check.
  /** The line as stored, with its check now. */
  lineView: () => Promise<CartLine>;
  /** The cart after the change. */
  cartView: () => Promise<Cart>;
  @Field(() => [AgreementAlternative], { description: 'Off-agreement lines: agreement items in the same commodity (else class, else family) the buyer may order, cheapest first.' })
  alternatives: AgreementAlternative[];
}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'The item cannot be ordered by the caller’s organisation (unknown, not in a published catalogue, or under no agreement it takes part in now).',
})
export class ItemNotOrderable extends ErrorResult {
  errorCode = 'ITEM_NOT_ORDERABLE';
  @Field({ description: 'The item asked for.' }) itemId: string;

  /** `reason`: why an item of a catalogue in force cannot be ordered today (not orderable by itself, outside its validity). */
  static of(itemId: string, reason?: string | null): ItemNotOrderable {
    const error = new ItemNotOrderable();
    error.itemId = itemId;
    error.message = reason ?? `Item ${itemId} is not in a catalogue your organisation may order from today`;
    return error;
  }
}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'A mandatory agreement in force covers the category: a free-text line needs a justification (code and text), or an agreement item instead.',
})
export class MandatoryAgreementRefusal extends ErrorResult {
  errorCode = 'MANDATORY_AGREEMENT';
  @Field(() => [AgreementRef], { description: 'The mandatory agreements whose scope covers the category.' }) agreements: AgreementRef[];
  @Field(() => [AgreementAlternative], { description: 'Agreement items in the same commodity (else class, else family) the buyer may order, cheapest first.' })
  alternatives: AgreementAlternative[];

  static of(agreements: AgreementRef[], alternatives: AgreementAlternative[], code: string): MandatoryAgreementRefusal {
    const error = new MandatoryAgreementRefusal();
    error.agreements = agreements;
    error.alternatives = alternatives;
    error.message = `UNSPSC ${code} is covered by mandatory agreement ${agreements.map((a) => a.reference).join(', ')}: choose an agreement item, or give a justification code and text`;
    return error;
  }
}

export const AddItemResult = resultUnion({
  name: 'AddItemToCartResult',
  description: 'The line added, or why the item cannot be ordered.',
  types: () => [CartLineAdded, ItemNotOrderable] as const,
});

export const AddFreeTextResult = resultUnion({
  name: 'AddFreeTextToCartResult',
  description: 'The line added, or the mandatory agreement(s) that refuse it without a justification.',
  types: () => [CartLineAdded, MandatoryAgreementRefusal] as const,
});

@InputType({ description: 'An item found by search, and how many.' })
export class AddItemToCartInput {
  @Field({ description: 'The catalogue item id (searchProducts’ itemId).' }) @Matches(/^\d{1,18}$/, { message: 'itemId must be a catalogue item id' }) itemId: string;
  @Field(() => Decimal, { description: 'Quantity in the item’s unit (more than 0, at most 1,000,000, up to four decimals).' })
  @Type(() => String)
  @Matches(DECIMAL, { message: 'quantity must be a positive decimal with at most 14 digits before the decimal point and 4 after' })
  quantity: string;
}

@InputType({ description: 'Why a line is bought outside an agreement that covers its category.' })
export class JustificationInput {
  @Field(() => JustificationCode, { description: 'The reason.' }) @IsEnum(JustificationCode) code: JustificationCode;
  @Field({ description: 'The requester’s explanation (3 to 2,000 characters).' }) @IsString() @Length(3, 2000) text: string;
}

@InputType({ description: 'A need no catalogue covers.' })
export class AddFreeTextToCartInput {
  @Field({ description: 'What is needed (3 to 500 characters).' }) @IsString() @Length(3, 500) description: string;
  @Field({ description: 'UNSPSC code of the need (8 digits, any level, from the code set).' }) @Matches(/^\d{8}$/, { message: 'unspscCode must be an 8-digit UNSPSC code' }) unspscCode: string;
  @Field(() => Decimal, { description: 'Quantity in the unit (more than 0, at most 1,000,000, up to four decimals).' })
  @Type(() => String)
  @Matches(DECIMAL, { message: 'quantity must be a positive decimal with at most 14 digits before the decimal point and 4 after' })
  quantity: string;
  @Field({ description: 'UN/ECE Rec 20 unit code (EA, PK, KGM …).' }) @IsString() @Length(1, 3) unitCode: string;
  @Field(() => Decimal, { description: 'Estimated unit price excluding VAT (up to four decimals).' })
  @Type(() => String)
  @Matches(DECIMAL, { message: 'estimatedPrice must be a decimal of at least 0 with at most 14 digits before the decimal point and 4 after' })
  estimatedPrice: string;
  @Field({ defaultValue: 'NOK', description: 'ISO 4217 currency of the estimate.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as NOK' })
  currency: string;
  @Field(() => Decimal, { defaultValue: new Decimal(25), description: 'VAT rate in percent (25, 15, 12 or 0); 25 unless given.' })
  @IsOptional()
  @Type(() => String)
  @Matches(DECIMAL, { message: 'vatRate must be 25, 15, 12 or 0' })
  vatRate: string;
  @Field(() => Int, { nullable: true, description: 'Preferred supplier, a supplier organisation registered in Torg.' }) @IsOptional() @IsInt() preferredSupplierId?: number;
  @Field({ nullable: true, description: 'Preferred supplier by name, when not registered in Torg (2 to 200 characters).' }) @IsOptional() @IsString() @Length(2, 200) preferredSupplierName?: string;
  @Field(() => JustificationInput, { nullable: true, description: 'Required in the category of a mandatory agreement; flags the line off-agreement.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => JustificationInput)
  justification?: JustificationInput;
}

@InputType({ description: 'A new quantity for a line of the caller’s cart.' })
export class UpdateCartLineQuantityInput {
  @Field(() => Int, { description: 'The line.' }) @IsInt() lineId: number;
  @Field(() => Decimal, { description: 'The new quantity (more than 0, at most 1,000,000, up to four decimals).' })
  @Type(() => String)
  @Matches(DECIMAL, { message: 'quantity must be a positive decimal with at most 14 digits before the decimal point and 4 after' })
  quantity: string;
}
