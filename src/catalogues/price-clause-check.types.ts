import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import Decimal from 'decimal.js';
import { PriceClauseKind } from '../agreements/price-clause/price-clause.types';
import { ErrorResult } from '../platform/results/error-result';

@ObjectType({ description: 'A price increase beyond the agreement’s price-adjustment clause.' })
export class PriceIncreaseFlag {
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Item name in the new version.' }) name: string;
  @Field(() => Decimal, { description: 'Price in the version in force.' }) oldPrice: string;
  @Field(() => Decimal, { description: 'Price in the version under review.' }) newPrice: string;
  @Field(() => Decimal, { description: 'The increase on the price in force, in percent (2 decimals).' }) increasePercent: Decimal;
  @Field(() => Decimal, {
    description:
      'The price the clause measures from: the price on the clause’s reference date (the agreement start or the index base date; the item’s first published price when it came later), or the price in force for a clause counted from the last publish.',
  })
  basePrice: string;
  @Field(() => Decimal, { description: 'The increase on the base price, in percent (2 decimals): what is compared with allowedPercent.' }) increaseFromBasePercent: Decimal;
  @Field(() => Decimal, { description: 'What the clause allows on the base price today, in percent.' }) allowedPercent: Decimal;
  @Field(() => Decimal, { description: 'The most the clause allows for this item: base price × (1 + allowed), rounded down to 4 decimals. The decision itself is exact.' }) maxPrice: Decimal;
  @Field({ description: 'The clause that limits it, in words, with how today’s allowance follows from it.' }) clause: string;
}

@ObjectType({ description: 'The version’s price increases measured against the agreement’s price-adjustment clause.' })
export class CataloguePriceClauseCheck {
  @Field(() => PriceClauseKind, { description: 'The kind of clause.' }) kind: PriceClauseKind;
  @Field({ description: 'The clause and today’s allowance, in words.' }) clause: string;
  @Field({ description: 'The reference date: prices in force then are the base (YYYY-MM-DD).' }) referenceDate: string;
  @Field(() => Decimal, { description: 'What the clause allows on the base price today, in percent.' }) allowedPercent: Decimal;
  @Field(() => Int, { description: 'How many price increases go beyond it; publishing them needs an override with a reason.' }) flaggedCount: number;
  @Field(() => [PriceIncreaseFlag], { description: 'The increases beyond it, largest (on the base price) first; at most 100 (each change also carries its own flag).' })
  flagged: PriceIncreaseFlag[];
}

@ObjectType({ implements: () => [ErrorResult], description: 'The version raises prices beyond the agreement’s price-adjustment clause: publish it only with an override and a reason.' })
export class PriceIncreasesBeyondClauseError extends ErrorResult {
  errorCode = 'PRICE_INCREASES_BEYOND_CLAUSE';
  @Field({ description: 'The clause and today’s allowance, in words.' }) clause: string;
  @Field(() => Int, { description: 'How many increases go beyond it.' }) flaggedCount: number;
  @Field(() => [PriceIncreaseFlag], { description: 'The increases beyond it, largest (on the base price) first; at most 100.' }) flagged: PriceIncreaseFlag[];
}

@InputType({ description: 'Publish although prices rise beyond the agreement’s price-adjustment clause; recorded in the audit trail with the number of items.' })
export class PriceClauseOverrideInput {
  @Field({ description: 'Why the increases are accepted (e.g. "Agreed in the negotiation of 2026-11-20, see case 26/1234").' }) @IsString() @Length(3, 2000) reason: string;
}

/**
 * The publish mutation's arguments. An ArgsType, so the override is checked only when given:
 * the ValidationPipe turns a missing input-object argument into {} and would refuse it.
 */
@ArgsType()
export class PublishCatalogueArgs {
  @Field(() => Int, { description: 'The version to publish.' }) @IsInt() versionId: number;
  @Field(() => PriceClauseOverrideInput, {
    nullable: true,
    description: 'Publish although prices rise beyond the agreement’s price-adjustment clause, with the reason; without it such a version is refused with the list of increases.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PriceClauseOverrideInput)
  priceClauseOverride?: PriceClauseOverrideInput | null;
}
