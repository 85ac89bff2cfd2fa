import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches } from 'class-validator';
import { UnspscFallback } from './unspsc-fallback';
import { ConnectionType } from '../platform/graphql/connection';
import Decimal from 'decimal.js';
import { IsAmount, IsDate } from '../platform/graphql/input-formats';

@ObjectType({ description: 'A framework agreement (rammeavtale) between a purchasing unit and a supplier.' })
export class Agreement {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field({ description: 'The purchasing unit’s reference number, unique within that unit.' }) reference: string;
  @Field({ description: 'Title.' }) title: string;
  @Field({ description: 'First day in force (YYYY-MM-DD).' }) validFrom: string;
  @Field({ description: 'Last day in force (YYYY-MM-DD).' }) validTo: string;
  @Field({ description: 'Whether participants must use this agreement (bindende) rather than it being voluntary.' }) mandatory: boolean;
  @Field({ description: 'ISO 4217 currency of the agreed prices.' }) currency: string;
  @Field(() => Int, { description: 'The purchasing unit that manages the agreement.' }) purchasingUnitId: number;
  @Field(() => Int, { description: 'The supplier.' }) supplierId: number;
  @Field(() => Decimal, { nullable: true, description: 'The most all participants together may order under it, in its currency (joint purchasing); null: no ceiling.' })
  valueCeiling: string | null;
  @Field(() => UnspscFallback, {
    description:
      'What its catalogues do with a UNSPSC code not in the code set: refuse the line (STRICT) or classify the item at the nearest existing class or family, with a warning (NEAREST_LEVEL).',
  })
  unspscFallback: UnspscFallback;
}

@ObjectType({ description: 'A page of agreements.' })
export class AgreementConnection extends ConnectionType(Agreement, 'Agreement') {}

@InputType({ description: 'A new framework agreement, created by a PURCHASER of a purchasing unit.' })
export class CreateAgreementInput {
  @Field(() => Int, { description: 'Supplier organisation id.' }) @IsInt() supplierId: number;
  @Field({ description: 'Reference number (e.g. "2025-014"), unique within the purchasing unit.' }) @IsString() @Length(1, 60) reference: string;
  @Field({ description: 'Title.' }) @IsString() @Length(2, 300) title: string;
  @Field({ description: 'First day in force, YYYY-MM-DD.' }) @IsDate('validFrom') validFrom: string;
  @Field({ description: 'Last day in force, YYYY-MM-DD.' }) @IsDate('validTo') validTo: string;
  @Field(() => [Int], { description: 'Buyer organisations that may use the agreement (joint purchasing); children of a participant take part through it.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  participantIds: number[];
  @Field(() => [String], { description: 'UNSPSC codes at any level that the agreement covers.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(5000)
  @Matches(/^\d{8}$/, { each: true, message: 'each scope code must be an 8-digit UNSPSC code' })
  scope: string[];
  @Field({ defaultValue: false, description: 'Mandatory (bindende) for the participants.' }) @IsBoolean() mandatory: boolean;
  @Field({ nullable: true, description: 'Value ceiling shared by all participants, in the agreement’s currency, a decimal string such as "5000000"; left out: no ceiling.' })
  @IsOptional()
  @IsAmount('valueCeiling')
  valueCeiling?: string;
  @Field({ defaultValue: 'NOK', description: 'ISO 4217 currency of the prices.' }) @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as NOK' }) currency: string;
}

@ArgsType()
export class SetAgreementUnspscFallbackArgs {
  @Field(() => Int, { description: 'The agreement.' }) @IsInt() agreementId: number;
  @Field(() => UnspscFallback, { description: 'STRICT (refuse unknown codes) or NEAREST_LEVEL (accept them at the nearest existing class or family, with a warning).' })
  @IsEnum(UnspscFallback)
  fallback: UnspscFallback;
}

@ArgsType()
export class SetAgreementCeilingArgs {
  @Field(() => Int, { description: 'The agreement.' }) @IsInt() agreementId: number;
  @Field(() => String, { nullable: true, description: 'The ceiling in the agreement’s currency, a decimal string such as "5000000"; null or left out removes it.' })
  @IsOptional()
  @IsAmount('valueCeiling')
  valueCeiling?: string | null;
}
