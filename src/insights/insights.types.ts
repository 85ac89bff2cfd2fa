import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Matches } from 'class-validator';
import Decimal from 'decimal.js';
import { IsDate } from '../platform/graphql/input-formats';

export enum SpendBasis {
  ORDERED = 'ORDERED',
  INVOICED = 'INVOICED',
}
export enum PeriodGrouping {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
export enum UnspscLevelName {
  SEGMENT = 'SEGMENT',
  FAMILY = 'FAMILY',
  CLASS = 'CLASS',
  COMMODITY = 'COMMODITY',
}
/** What a report's rows are grouped by (any combination, in this order). */
export enum InsightDimension {
  PERIOD = 'PERIOD',
  ORGANISATION = 'ORGANISATION',
  CATEGORY = 'CATEGORY',
  SUPPLIER = 'SUPPLIER',
  AGREEMENT = 'AGREEMENT',
}
registerEnumType(SpendBasis, {
  name: 'SpendBasis',
  description:
    'ORDERED: approved orders (less cancelled and declined ones; a closed order as delivered, each line at most as ordered), on the approval day; INVOICED: approved invoices and credit notes, on the issue date.',
});
registerEnumType(PeriodGrouping, { name: 'PeriodGrouping', description: 'The length of a report period.' });
registerEnumType(UnspscLevelName, { name: 'UnspscLevel', description: 'The UNSPSC level categories are grouped at: SEGMENT (2 digits), FAMILY (4), CLASS (6), COMMODITY (8).' });
registerEnumType(InsightDimension, { name: 'InsightDimension', description: 'What report rows are grouped by.' });

@InputType({ description: 'Which spend a report covers and how its rows are grouped. The same filters apply to the CSV/JSON exports (query parameters of the same names).' })
export class InsightFilter {
  @Field(() => Int, { nullable: true, description: 'This organisation with every organisation below it (default: all the caller may see).' })
  @IsOptional()
  @IsInt()
  organisationId?: number;
  @Field({ nullable: true, description: 'First day, YYYY-MM-DD (inclusive).' }) @IsOptional() @IsDate('from') from?: string;
  @Field({ nullable: true, description: 'Last day, YYYY-MM-DD (inclusive).' }) @IsOptional() @IsDate('to') to?: string;
  @Field(() => PeriodGrouping, { defaultValue: PeriodGrouping.MONTH, description: 'Period length of the PERIOD dimension.' })
  @IsOptional()
  @IsEnum(PeriodGrouping)
  period?: PeriodGrouping;
  @Field(() => UnspscLevelName, { defaultValue: UnspscLevelName.SEGMENT, description: 'UNSPSC level of the CATEGORY dimension.' })
  @IsOptional()
  @IsEnum(UnspscLevelName)
  unspscLevel?: UnspscLevelName;
  @Field({ nullable: true, description: 'Only spend under this UNSPSC code (8 digits at any level: "44000000" is segment 44).' })
  @IsOptional()
  @Matches(/^\d{8}$/, { message: 'unspscCode must be an 8-digit UNSPSC code' })
  unspscCode?: string;
  @Field(() => Int, { nullable: true, description: 'Only spend with this supplier.' }) @IsOptional() @IsInt() supplierId?: number;
  @Field(() => Int, { nullable: true, description: 'Only spend on this agreement, or outside it in its scope.' }) @IsOptional() @IsInt() agreementId?: number;
  @Field(() => SpendBasis, { defaultValue: SpendBasis.ORDERED, description: 'Ordered or invoiced spend.' }) @IsOptional() @IsEnum(SpendBasis) basis?: SpendBasis;
  @Field(() => [InsightDimension], { defaultValue: [InsightDimension.PERIOD], description: 'What rows are grouped by (none: one row of totals).' })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsEnum(InsightDimension, { each: true })
  groupBy?: InsightDimension[];
}

@ObjectType({
  description: 'Where a report row belongs: the values of the dimensions it is grouped by (null when not grouped by it, or none: a free-text supplier, a line without agreement or category).',
})
export class InsightKey {
  @Field(() => String, { nullable: true, description: 'First day of the period (YYYY-MM-DD).' }) period: string | null;
  @Field(() => Int, { nullable: true, description: 'The buyer organisation.' }) organisationId: number | null;
  @Field(() => String, { nullable: true, description: 'The organisation’s name.' }) organisationName: string | null;
  @Field(() => String, { nullable: true, description: 'UNSPSC code of the category at the chosen level (trailing zeros).' }) category: string | null;
  @Field(() => Int, { nullable: true, description: 'The supplier (null: one named only in free text).' }) supplierId: number | null;
  @Field(() => String, { nullable: true, description: 'The supplier’s name (as ordered, for a supplier outside Torg).' }) supplierName: string | null;
  @Field(() => Int, { nullable: true, description: 'The agreement the lines were bought on (null: none).' }) agreementId: number | null;
}

@ObjectType({ description: 'Agreement and supplier loyalty of a group of spend in one currency (excluding VAT).' })
export class LoyaltyRow extends InsightKey {
  @Field({ description: 'ISO 4217 currency of the row’s amounts. Rows are grouped by currency as well as by the filter’s dimensions: amounts in different currencies are never summed.' })
  currency: string;
  @Field(() => Decimal, { description: 'Bought under an agreement.' }) onAgreement: string;
  @Field(() => Decimal, { description: 'Bought outside an agreement in force whose scope covers the category.' }) offAgreement: string;
  @Field(() => Decimal, { description: 'Invoiced without an order (INVOICED only).' }) offCatalogue: string;
  @Field(() => Decimal, { description: 'In categories no agreement covers.' }) notCovered: string;
  @Field(() => Decimal, { description: 'All spend of the group.' }) total: string;
  @Field(() => Float, { nullable: true, description: 'onAgreement / (onAgreement + offAgreement + offCatalogue); null when nothing was covered.' }) agreementLoyalty: number | null;
  @Field(() => Decimal, { description: 'Supplier loyalty: bought from an agreement supplier under its agreement.' }) supplierLoyal: string;
  @Field(() => Decimal, { description: 'Bought from an agreement supplier outside its agreements (not loyal).' }) agreementSupplierOutside: string;
  @Field(() => Decimal, { description: 'Bought from suppliers holding no agreement with the buyer.' }) otherSuppliers: string;
  @Field(() => Float, { nullable: true, description: 'supplierLoyal / total.' }) supplierLoyalty: number | null;
  @Field(() => Int, { description: 'Order or invoice lines counted.' }) lines: number;
}

@ObjectType({ description: 'Leakage of a group of spend: off-agreement lines and what the cheapest agreement alternative would have saved (in the row’s currency).' })
export class LeakageRow extends InsightKey {
  @Field({ description: 'ISO 4217 currency of the row’s amounts. Rows are grouped by currency as well as by the filter’s dimensions: amounts in different currencies are never summed.' })
  currency: string;
  @Field(() => Int, { description: 'Off-agreement (and off-catalogue) lines.' }) lines: number;
  @Field(() => Decimal, { description: 'Their amount.' }) amount: string;
  @Field(() => Int, { description: 'Lines for which an agreement item of the same unit was found (same commodity, else class).' }) linesWithAlternative: number;
  @Field(() => Decimal, { description: 'What buying those items instead would have saved.' }) potentialSaving: string;
}

@ObjectType({ description: 'One off-agreement line: why it was bought outside the agreement, and the cheapest agreement alternative.' })
export class OffAgreementLine {
  @Field({ description: 'ORDER, INVOICE or CREDIT_NOTE.' }) source: string;
  @Field({ description: 'Order or invoice number.' }) documentNumber: string;
  @Field(() => Int, { description: 'The order or invoice line.' }) lineId: number;
  @Field({ description: 'The day the spend counts on (YYYY-MM-DD).' }) date: string;
  @Field(() => Int, { description: 'The buyer organisation.' }) organisationId: number;
  @Field(() => Int, { nullable: true, description: 'The supplier (null: one named only in free text).' }) supplierId: number | null;
  @Field(() => String, { nullable: true, description: 'The supplier’s name as ordered (orders only).' }) supplierName: string | null;
  @Field(() => String, { nullable: true, description: 'UNSPSC code of the line.' }) unspscCode: string | null;
  @Field(() => Decimal, { description: 'Quantity in the unit.' }) quantity: string;
  @Field({ description: 'UN/ECE Rec 20 unit code.' }) unitCode: string;
  @Field({ description: 'ISO 4217 currency of amount and potentialSaving (the order’s or invoice’s).' }) currency: string;
  @Field(() => Decimal, { description: 'Line amount excluding VAT, in currency.' }) amount: string;
  @Field({ description: 'OFF_AGREEMENT or OFF_CATALOGUE.' }) loyalty: string;
  @Field(() => String, { nullable: true, description: 'Why it was bought outside the agreement (orders only).' }) justificationCode: string | null;
  @Field(() => String, { nullable: true, description: 'The requester’s explanation (orders only).' }) justificationText: string | null;
  @Field(() => String, { nullable: true, description: 'The cheapest agreement item of the same unit (catalogue item id).' }) alternativeItemId: string | null;
  @Field(() => String, { nullable: true, description: 'The alternative item’s name.' }) alternativeName: string | null;
  @Field(() => Int, { nullable: true, description: 'The agreement of the alternative item.' }) alternativeAgreementId: number | null;
  @Field(() => Decimal, { nullable: true, description: 'The alternative item’s unit price excluding VAT.' }) alternativeUnitPrice: string | null;
  @Field(() => String, { nullable: true, description: 'COMMODITY or CLASS: where the alternative was found.' }) alternativeLevel: string | null;
  @Field(() => Decimal, { description: 'What the line would have cost less at the alternative’s price (0 when none is cheaper).' }) potentialSaving: string;
}

@ObjectType({ description: 'Spend of a group in one currency: amount (excluding VAT), lines and documents (orders or invoices).' })
export class SpendRow extends InsightKey {
  @Field({ description: 'ISO 4217 currency of the row’s amounts. Rows are grouped by currency as well as by the filter’s dimensions: amounts in different currencies are never summed.' })
  currency: string;
  @Field(() => Decimal, { description: 'Spend excluding VAT, in currency.' }) amount: string;
  @Field(() => Int, { description: 'Lines counted.' }) lines: number;
  @Field(() => Int, { description: 'Orders (ORDERED) or invoices and credit notes (INVOICED).' }) documents: number;
}

@ObjectType({
  description:
    'Eco-labelled spend of a group in one currency (excluding VAT): whether each line’s item carried an eco-label (an ecolabel / miljømerke attribute) in the catalogue version it was bought from, recorded then, so a later catalogue change does not change it. total = ecoLabelled + notLabelled + unknown.',
})
export class EcoLabelledSpendRow extends InsightKey {
  @Field({ description: 'ISO 4217 currency of the row’s amounts. Rows are grouped by currency as well as by the filter’s dimensions: amounts in different currencies are never summed.' })
  currency: string;
  @Field(() => Decimal, { description: 'All spend of the group (INVOICED: credit notes deducted).' }) total: string;
  @Field(() => Decimal, { description: 'Spend on items that carried an eco-label when bought.' }) ecoLabelled: string;
  @Field(() => Decimal, { description: 'Spend on catalogue items that carried none.' }) notLabelled: string;
  @Field(() => Decimal, { description: 'Spend of which it is not known: free-text lines, and invoice lines without an order line or on a free-text one.' })
  unknown: string;
  @Field(() => Decimal, { nullable: true, description: 'ecoLabelled / total, a decimal fraction (0.25 = a quarter), 4 decimals at most; null when total is 0.' })
  ecoLabelledShare: string | null;
  @Field(() => Decimal, { nullable: true, description: 'ecoLabelled / (ecoLabelled + notLabelled): the share among the spend whose label is known; null when none is known.' })
  ecoLabelledShareOfKnown: string | null;
  @Field(() => Int, { description: 'Order or invoice lines counted.' }) lines: number;
}

@ObjectType({ description: 'Orders of a period in one currency: how many, their amount, and how long approval took.' })
export class OrderStatisticsRow extends InsightKey {
  @Field({ description: 'ISO 4217 currency of the row’s amounts. Rows are grouped by currency as well as by the filter’s dimensions: amounts in different currencies are never summed.' })
  currency: string;
  @Field(() => Int, { description: 'Orders approved (less cancelled and declined ones, and closed ones of which nothing was delivered).' }) orders: number;
  @Field(() => Decimal, { description: 'Their amount excluding VAT, in currency.' }) amount: string;
  @Field(() => Float, { nullable: true, description: 'Average hours from submit to approval.' }) averageApprovalHours: number | null;
}

@ObjectType({ description: 'Invoices of a period in one currency: counts, invoiced amount with and without an order (electronic-order share), and order-to-invoice lead time.' })
export class InvoiceStatisticsRow extends InsightKey {
  @Field({ description: 'ISO 4217 currency of the row’s amounts. Rows are grouped by currency as well as by the filter’s dimensions: amounts in different currencies are never summed.' })
  currency: string;
  @Field(() => Int, { description: 'Invoices approved.' }) invoices: number;
  @Field(() => Int, { description: 'Credit notes approved.' }) creditNotes: number;
  @Field(() => Decimal, { description: 'Invoiced amount excluding VAT, credit notes deducted, in currency.' }) amount: string;
  @Field(() => Decimal, { description: 'Invoiced against an order.' }) withOrder: string;
  @Field(() => Decimal, { description: 'Invoiced without an order.' }) withoutOrder: string;
  @Field(() => Float, { nullable: true, description: 'withOrder / amount.' }) electronicOrderShare: number | null;
  @Field(() => Float, { nullable: true, description: 'Average days from the order’s submit to the invoice’s receipt.' }) averageOrderToInvoiceDays: number | null;
}

@ObjectType({ description: 'Invoice exceptions of a period, by reason: invoices received, those that went to exception, and those given this reason.' })
export class ExceptionRateRow extends InsightKey {
  @Field(() => String, { nullable: true, description: 'A matching reason code (e.g. PRICE_VARIANCE); null on the row of a period without exceptions.' }) reason: string | null;
  @Field(() => Int, { description: 'Invoices received.' }) received: number;
  @Field(() => Int, { description: 'Of them, those that went to exception at least once.' }) exceptions: number;
  @Field(() => Int, { description: 'Invoices given this reason.' }) withReason: number;
  @Field(() => Float, { description: 'withReason / received.' }) rate: number;
}

@ObjectType({ description: 'An agreement’s value ceiling and how much of it is used, beside the spend the caller sees on it.' })
export class CeilingUseRow {
  @Field(() => Int, { description: 'The agreement.' }) agreementId: number;
  @Field({ description: 'Its reference.' }) reference: string;
  @Field({ description: 'ISO 4217 currency of the agreement: ceiling, committed, invoiced, remaining and orderedHere are amounts in it.' }) currency: string;
  @Field(() => Decimal, { nullable: true, description: 'Null: no ceiling.' }) ceiling: string | null;
  @Field(() => Decimal, { description: 'Drawn by every participant’s approved orders: per order the larger of what it drew and what has been invoiced of it (net of credit notes).' })
  committed: string;
  @Field(() => Decimal, { description: 'Of committed, what has been invoiced by every participant (approved invoices less approved credit notes).' }) invoiced: string;
  @Field(() => Decimal, { nullable: true, description: 'Ceiling less committed; null: no ceiling.' }) remaining: string | null;
  @Field(() => Float, { nullable: true, description: 'committed / ceiling.' }) used: number | null;
  @Field(() => Decimal, { description: 'Ordered on it by the organisations the caller sees (the filter).' }) orderedHere: string;
}
