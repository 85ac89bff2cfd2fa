import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { IsEnum, IsInt, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { MatchModeValue } from './invoice.types';

export enum ToleranceRule {
  TIGHTER = 'TIGHTER',
  LOOSER = 'LOOSER',
}
registerEnumType(ToleranceRule, { name: 'ToleranceRule', description: 'With both a percent and an absolute tolerance: TIGHTER allows the smaller deviation, LOOSER the larger.' });

@ObjectType({ description: 'How far an invoice may exceed what was agreed and still be approved automatically. Percent fields are percentages; absolute fields NOK.' })
export class InvoiceTolerance {
  @Field(() => Decimal, { nullable: true, description: 'Unit price may exceed the agreed by this percentage.' }) pricePercent: string | null;
  @Field(() => Decimal, { nullable: true, description: 'Unit price may exceed the agreed by this many NOK per unit.' }) priceAbsolute: string | null;
  @Field(() => ToleranceRule, { description: 'How the two price tolerances combine.' }) priceRule: ToleranceRule;
  @Field(() => Decimal, { description: 'Invoiced quantity may exceed ordered (or received) by this percentage.' }) quantityPercent: string;
  @Field(() => Decimal, { nullable: true, description: 'The invoice total may exceed the expected by this percentage.' }) totalPercent: string | null;
  @Field(() => Decimal, { nullable: true, description: 'The invoice total may exceed the expected by this many NOK.' }) totalAbsolute: string | null;
  @Field(() => ToleranceRule, { description: 'How the two total tolerances combine.' }) totalRule: ToleranceRule;
}

@ObjectType({ description: 'A rule beside the policy: for a supplier and/or a UNSPSC category, another mode and/or tolerance fields.' })
export class InvoiceMatchRule {
  @Field(() => Int, { description: 'The rule.' }) id: number;
  @Field(() => Int, { nullable: true, description: 'Only invoices from this supplier.' }) supplierId: number | null;
  @Field(() => String, { nullable: true, description: 'Only lines whose UNSPSC code starts with this (2, 4, 6 or 8 digits).' }) unspscPrefix: string | null;
  @Field(() => MatchModeValue, { nullable: true, description: 'The mode for what the rule covers; null: the policy’s.' }) mode: MatchModeValue | null;
  @Field(() => String, { nullable: true, description: 'The tolerance fields the rule sets, as JSON; the rest are the policy’s.' }) tolerance: string | null;
}

@ObjectType({ description: 'The invoice match policy that applies to a buyer organisation.' })
export class InvoiceMatchPolicy {
  @Field(() => Int, { description: 'The organisation asked about.' }) organisationId: number;
  @Field(() => Int, { nullable: true, description: 'The organisation whose policy applies (the same or one above it); null: Torg’s default.' }) definedBy: number | null;
  @Field(() => MatchModeValue, { description: 'Default mode.' }) mode: MatchModeValue;
  @Field(() => InvoiceTolerance, { description: 'Default tolerance.' }) tolerance: InvoiceTolerance;
  @Field(() => [InvoiceMatchRule], { description: 'Rules for suppliers and categories.' }) rules: InvoiceMatchRule[];
}

const DECIMAL = /^\d{1,9}(\.\d{1,4})?$/;

@InputType({ description: 'Tolerance fields; on a rule, only those given are set (the rest follow the policy).' })
export class ToleranceInput {
  @Field(() => String, { nullable: true, description: 'Unit price percent, e.g. "2".' }) @IsOptional() @Matches(DECIMAL) pricePercent?: string | null;
  @Field(() => String, { nullable: true, description: 'Unit price NOK per unit, e.g. "5".' }) @IsOptional() @Matches(DECIMAL) priceAbsolute?: string | null;
  @Field(() => ToleranceRule, { nullable: true, description: 'How the two price tolerances combine.' }) @IsOptional() @IsEnum(ToleranceRule) priceRule?: ToleranceRule;
  @Field(() => String, { nullable: true, description: 'Quantity percent, e.g. "0".' }) @IsOptional() @Matches(DECIMAL) quantityPercent?: string;
  @Field(() => String, { nullable: true, description: 'Total percent, e.g. "1".' }) @IsOptional() @Matches(DECIMAL) totalPercent?: string | null;
  @Field(() => String, { nullable: true, description: 'Total NOK, e.g. "100".' }) @IsOptional() @Matches(DECIMAL) totalAbsolute?: string | null;
  @Field(() => ToleranceRule, { nullable: true, description: 'How the two total tolerances combine.' }) @IsOptional() @IsEnum(ToleranceRule) totalRule?: ToleranceRule;
}

@InputType({ description: 'A buyer organisation’s default match mode and tolerance (fields not given take Torg’s defaults).' })
export class SetInvoiceMatchPolicyInput {
  @Field(() => Int, { nullable: true, description: 'The organisation: yours (default) or one below it.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field(() => MatchModeValue, { description: 'Default mode.' }) @IsEnum(MatchModeValue) mode: MatchModeValue;
  @Field(() => ToleranceInput, { nullable: true, description: 'Default tolerance.' }) @IsOptional() @ValidateNested() @Type(() => ToleranceInput) tolerance?: ToleranceInput;
}

@InputType({ description: 'A rule for a supplier and/or a UNSPSC category (at least one), setting a mode and/or tolerance fields (at least one).' })
export class AddInvoiceMatchRuleInput {
  @Field(() => Int, { nullable: true, description: 'The organisation: yours (default) or one below it.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field(() => Int, { nullable: true, description: 'Only invoices from this supplier.' }) @IsOptional() @IsInt() supplierId?: number;
  @Field(() => String, { nullable: true, description: 'UNSPSC prefix: 2, 4, 6 or 8 digits.' }) @IsOptional() @Matches(/^(\d{2}){1,4}$/) unspscPrefix?: string;
  @Field(() => MatchModeValue, { nullable: true, description: 'Mode for what the rule covers.' }) @IsOptional() @IsEnum(MatchModeValue) mode?: MatchModeValue;
  @Field(() => ToleranceInput, { nullable: true, description: 'Tolerance fields for what the rule covers.' }) @IsOptional() @ValidateNested() @Type(() => ToleranceInput) tolerance?: ToleranceInput;
}
