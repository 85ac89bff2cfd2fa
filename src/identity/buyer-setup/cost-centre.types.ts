import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import Decimal from 'decimal.js';
import { ConnectionType } from '../../platform/graphql/connection';
import { resultUnion } from '../../platform/results/result-union';
import { DuplicateValueError, UserNotInOrganisationError } from './buyer-setup.errors';
import { IsNokAmount } from '../../platform/graphql/input-formats';

@ObjectType({ description: 'A cost centre’s budget for one year.' })
export class CostCentreBudget {
  @Field(() => Int, { description: 'Budget year (calendar year).' }) year: number;
  @Field(() => Decimal, { description: 'The budget, excluding VAT.' }) amount: string;
  @Field({ description: 'ISO 4217 currency (NOK).' }) currency: string;
}

@ObjectType({ description: 'A cost centre (ansvar/kostnadssted) of a buyer organisation: requisitions are charged to one, and its approvers approve them.' })
export class CostCentre {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field(() => Int, { description: 'The organisation it belongs to.' }) organisationId: number;
  @Field({ description: 'Code in the organisation’s accounts, unique within the organisation (letter case ignored).' }) code: string;
  @Field({ description: 'Name.' }) name: string;
  @Field(() => Int, { description: 'The user responsible for it (budget owner), a member of the organisation.' }) ownerUserId: number;
  @Field({ description: 'False once retired: nothing new is ordered on it.' }) active: boolean;
  @Field({ description: 'When it was created.' }) createdAt: Date;
  @Field({ description: 'When it last changed.' }) updatedAt: Date;
}

@ObjectType({ description: 'A page of cost centres.' })
export class CostCentreConnection extends ConnectionType(CostCentre, 'CostCentre') {}

export const CostCentreResult = resultUnion({
  name: 'CostCentreResult',
  description: 'The cost centre after the change, or why it was not made.',
  types: () => [CostCentre, DuplicateValueError, UserNotInOrganisationError] as const,
});

@InputType({ description: 'A budget for one year.' })
export class BudgetInput {
  @Field(() => Int, { description: 'Budget year, 2000–2100.' }) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field({ description: 'The budget in NOK excluding VAT, a decimal string such as "450000" or "450000.50".' }) @IsNokAmount('amount') amount: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,29}$/;
const CODE_MESSAGE = 'code must be 1–30 letters, digits, spaces or . _ / -, starting with a letter or digit';

@InputType({ description: 'A new cost centre (the organisation’s ADMIN, or the ADMIN of one above it).' })
export class CreateCostCentreInput {
  @Field(() => Int, { nullable: true, description: 'The organisation; the caller’s own when left out.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field({ description: 'Code, unique within the organisation, e.g. "2150".' }) @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @Field({ description: 'Name, e.g. "IKT i skolen".' }) @IsString() @Length(1, 200) name: string;
  @Field(() => Int, { description: 'Owner: a user of the organisation.' }) @IsInt() ownerUserId: number;
  @Field(() => [BudgetInput], { nullable: true, description: 'Budgets per year.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BudgetInput)
  budgets?: BudgetInput[];
}

@InputType({ description: 'Changes to a cost centre; fields left out stay as they are.' })
export class UpdateCostCentreInput {
  @Field(() => Int, { description: 'Cost centre id.' }) @IsInt() id: number;
  @Field({ nullable: true, description: 'New code.' }) @IsOptional() @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code?: string;
  @Field({ nullable: true, description: 'New name.' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @Field(() => Int, { nullable: true, description: 'New owner: a user of the organisation.' }) @IsOptional() @IsInt() ownerUserId?: number;
  @Field({ nullable: true, description: 'False retires it; true takes it back into use.' }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType({ description: 'Sets (or replaces) a cost centre’s budget for one year.' })
export class SetCostCentreBudgetInput {
  @Field(() => Int, { description: 'Cost centre id.' }) @IsInt() costCentreId: number;
  @Field(() => Int, { description: 'Budget year, 2000–2100.' }) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field({ description: 'The budget in NOK excluding VAT, a decimal string such as "450000".' }) @IsNokAmount('amount') amount: string;
}
