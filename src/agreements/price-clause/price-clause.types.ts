import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import Decimal from 'decimal.js';
import { IsDate } from '../../platform/graphql/input-formats';

export enum PriceClauseKind {
  MAX_INCREASE = 'MAX_INCREASE',
  INDEX = 'INDEX',
}
registerEnumType(PriceClauseKind, {
  name: 'PriceClauseKind',
  description: 'MAX_INCREASE: at most a percentage per period; INDEX: (a share of) the change in a price index such as KPI.',
});

export enum PriceClauseReference {
  AGREEMENT_START = 'AGREEMENT_START',
  LAST_PUBLISH = 'LAST_PUBLISH',
}
registerEnumType(PriceClauseReference, {
  name: 'PriceClauseReference',
  description:
    'Where a maximum increase per period counts from. AGREEMENT_START: whole periods since the agreement’s first day, measured from each item’s price then (its first published price when it came later), so increases add up. LAST_PUBLISH: whole periods since the version in force was published, measured from its prices.',
});

/** A percentage as input: 0–100 with up to 4 decimals, a decimal string. */
const IsPercent = (field: string) => Matches(/^\d{1,3}(\.\d{1,4})?$/, { message: `${field} must be a percentage such as "3" or "2.5": 0 to 100, at most 4 decimals` });
/** An index value as input: above 0, up to 10 digits and 4 decimals. */
const IsIndexValue = (field: string) => Matches(/^\d{1,10}(\.\d{1,4})?$/, { message: `${field} must be an index value such as "131.2": above 0, at most 4 decimals` });

@ObjectType({ description: 'An index value the purchasing unit recorded (e.g. KPI as published by Statistics Norway).' })
export class PriceIndexValue {
  @Field({ description: 'The date the value belongs to (YYYY-MM-DD), e.g. the first day of the month it measures.' }) date: string;
  @Field(() => Decimal, { description: 'The index value.' }) value: string;
  @Field({ description: 'When it was recorded.' }) recordedAt: Date;
}

@ObjectType({
  description:
    'The agreement’s price-adjustment clause (prisreguleringsklausul): how much the supplier may raise prices. The catalogue review flags increases beyond it, and publishing them needs an override with a reason.',
})
export class PriceClause {
  @Field(() => PriceClauseKind, { description: 'Maximum increase per period, or an index clause.' }) kind: PriceClauseKind;
  @Field(() => Decimal, { nullable: true, description: 'MAX_INCREASE: the most prices may rise per period, in percent.' }) maxIncreasePercent: string | null;
  @Field(() => Int, { nullable: true, description: 'MAX_INCREASE: the period in months (12: per year).' }) periodMonths: number | null;
  @Field(() => PriceClauseReference, { nullable: true, description: 'MAX_INCREASE: where periods are counted from.' }) reference: PriceClauseReference | null;
  @Field(() => String, { nullable: true, description: 'INDEX: the index, e.g. "KPI (SSB tabell 03013)".' }) indexName: string | null;
  @Field(() => Decimal, { nullable: true, description: 'INDEX: the index value prices were agreed at.' }) baseIndexValue: string | null;
  @Field(() => String, { nullable: true, description: 'INDEX: the date of the base value (YYYY-MM-DD); prices in force then are the base.' }) baseIndexDate: string | null;
  @Field(() => Decimal, { nullable: true, description: 'INDEX: the share of the index change prices may follow, in percent (100: all of it).' }) indexSharePercent: string | null;
  @Field(() => [PriceIndexValue], { description: 'INDEX: the values recorded since, oldest first (the latest one up to today counts); empty for MAX_INCREASE.' })
  indexValues: PriceIndexValue[];
  @Field({ description: 'When the clause was last set.' }) updatedAt: Date;
}

@InputType({ description: 'At most a percentage per period, compounded over whole periods.' })
export class MaxIncreaseClauseInput {
  @Field({ description: 'The most prices may rise per period, in percent, a decimal string such as "3".' }) @IsPercent('maxIncrease.percent') percent: string;
  @Field(() => Int, { defaultValue: 12, description: 'The period in months, 1–60 (12: per year).' })
  @IsInt()
  @Min(1, { message: 'maxIncrease.periodMonths must be 1 to 60' })
  @Max(60, { message: 'maxIncrease.periodMonths must be 1 to 60' })
  periodMonths: number;
  @Field(() => PriceClauseReference, { defaultValue: PriceClauseReference.AGREEMENT_START, description: 'Where periods are counted from.' })
  @IsIn(Object.values(PriceClauseReference))
  reference: PriceClauseReference;
}

@InputType({ description: 'Prices follow (a share of) the change in a price index from a base value.' })
export class IndexClauseInput {
  @Field({ description: 'The index, e.g. "KPI (SSB tabell 03013)".' }) @IsString() @Length(1, 200) indexName: string;
  @Field({ description: 'The index value prices were agreed at, a decimal string such as "131.2".' }) @IsIndexValue('index.baseValue') baseValue: string;
  @Field({ description: 'The date of the base value, YYYY-MM-DD.' }) @IsDate('index.baseDate') baseDate: string;
  @Field({ defaultValue: '100', description: 'The share of the change prices may follow, in percent, above 0 and at most 100 ("80": 80 % of the change in KPI).' })
  @IsPercent('index.sharePercent')
  sharePercent: string;
}

@InputType({ description: 'The price-adjustment clause of an agreement: exactly one of maxIncrease and index.' })
export class SetAgreementPriceClauseInput {
  @Field(() => Int, { description: 'The agreement.' }) @IsInt() agreementId: number;
  @Field(() => MaxIncreaseClauseInput, { nullable: true, description: 'A maximum increase per period.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MaxIncreaseClauseInput)
  maxIncrease?: MaxIncreaseClauseInput | null;
  @Field(() => IndexClauseInput, { nullable: true, description: 'An index clause.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndexClauseInput)
  index?: IndexClauseInput | null;
}

@InputType({ description: 'A new value of the index an agreement’s index clause follows.' })
export class RecordPriceIndexValueInput {
  @Field(() => Int, { description: 'The agreement.' }) @IsInt() agreementId: number;
  @Field({ description: 'The date the value belongs to, YYYY-MM-DD: after the base date, not after today.' }) @IsDate('date') date: string;
  @Field({ description: 'The index value, a decimal string such as "134.8".' }) @IsIndexValue('value') value: string;
}
