import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { IsInt, IsString, Length } from 'class-validator';
import GraphQLJSON from '../platform/graphql/json.scalar';
import { ConnectionType } from '../platform/graphql/connection';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';
import { CatalogueStatus } from './catalogue-status';
import { PriceIncreasesBeyondClauseError } from './price-clause-check.types';

/** What an upload does with invalid lines (an upload option). */
export enum InvalidLinesMode {
  REJECT = 'REJECT',
  EXCLUDE = 'EXCLUDE',
}

registerEnumType(InvalidLinesMode, {
  name: 'InvalidLinesMode',
  description: 'What a catalogue upload does with invalid lines.',
  valuesMap: {
    REJECT: { description: 'Any invalid line refuses the whole file (the default).' },
    EXCLUDE: { description: 'The valid lines are stored; the invalid ones are left out and recorded with the version.' },
  },
});

@ObjectType({ description: 'One version of a supplier’s catalogue for one agreement. Published versions never change.' })
export class CatalogueVersion {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field(() => Int, { description: 'The agreement.' }) agreementId: number;
  @Field(() => Int, { description: 'The supplier.' }) supplierId: number;
  @Field(() => Int, { description: 'Running number within the agreement (1, 2, …).' }) versionNo: number;
  @Field(() => CatalogueStatus, { description: 'Where the version stands.' }) status: CatalogueStatus;
  @Field({ description: 'csv, xlsx or ubl.' }) sourceFormat: string;
  @Field(() => String, { nullable: true, description: 'Uploaded file name.' }) fileName: string | null;
  @Field({ description: 'UBL header action (Add, Replace, Update, Delete); CSV/XLSX are Replace.' }) headerAction: string;
  @Field(() => String, { nullable: true, description: 'The UBL Catalogue ID, when uploaded as UBL.' }) documentId: string | null;
  @Field(() => Int, { nullable: true, description: 'For UBL Update: the version the changes were applied to.' }) basedOnId: number | null;
  @Field(() => Int, { description: 'How many items the version holds.' }) itemCount: number;
  @Field(() => InvalidLinesMode, { description: 'What the upload did with invalid lines: REJECT (any refused the file) or EXCLUDE (they were left out; see excludedLines).' })
  invalidLines: `${InvalidLinesMode}`;
  @Field(() => Int, { description: 'Lines of the file left out of the version for their problems (EXCLUDE uploads only).' }) excludedLineCount: number;
  @Field(() => Int, { description: 'Warnings the upload gave (codes classified at a nearer level, an encoding read otherwise than declared…).' }) warningCount: number;
  @Field({ description: 'When it was uploaded.' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the supplier submitted it for review.' }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the purchasing unit published or rejected it.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The purchaser’s reason for rejecting it.' }) rejectionReason: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was published.' }) publishedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a newer version replaced it.' }) supersededAt: Date | null;
}

@ObjectType({ description: 'A line of the uploaded file left out of the version, with one of its problems (a line with several problems appears once for each).' })
export class CatalogueExcludedLine {
  @Field(() => Int, { nullable: true, description: 'Line number (CSV/XLSX) or CatalogueLine ordinal (UBL).' }) line: number | null;
  @Field({ description: 'Where the line is: "line 12" or "/Catalogue/CatalogueLine[3]".' }) location: string;
  @Field(() => String, { nullable: true, description: 'The field, or its XML path.' }) field: string | null;
  @Field({ description: 'Why the line was left out.' }) reason: string;
  @Field(() => String, { nullable: true, description: 'The value as written, when there was one.' }) value: string | null;
}

@ObjectType({ description: 'A page of excluded lines.' })
export class CatalogueExcludedLineConnection extends ConnectionType(CatalogueExcludedLine, 'CatalogueExcludedLine') {}

@ObjectType({ description: 'Something the upload accepted but the supplier and purchaser should know.' })
export class CatalogueUploadWarning {
  @Field(() => Int, { nullable: true, description: 'Line number or CatalogueLine ordinal; null for the whole file.' }) line: number | null;
  @Field({ description: 'Where: "line 12", "/Catalogue/CatalogueLine[3]" or "XML line 5".' }) location: string;
  @Field(() => String, { nullable: true, description: 'The field, or its XML path.' }) field: string | null;
  @Field({ description: 'Stable code: UNSPSC_NEAREST_LEVEL, ENCODING_READ_AS_UTF8.' }) code: string;
  @Field({ description: 'What happened, for people.' }) message: string;
  @Field(() => String, { nullable: true, description: 'The value as written.' }) value: string | null;
}

@ObjectType({ description: 'A page of upload warnings.' })
export class CatalogueUploadWarningConnection extends ConnectionType(CatalogueUploadWarning, 'CatalogueUploadWarning') {}

@ObjectType({ description: 'A page of catalogue versions.' })
export class CatalogueVersionConnection extends ConnectionType(CatalogueVersion, 'CatalogueVersion') {}

@ObjectType({ description: 'An item of a catalogue version.' })
export class CatalogueItem {
  @Field({ description: 'Torg id.' }) id: string;
  @Field(() => Int, { description: 'Line number (or UBL line ordinal) in the uploaded file.' }) lineNo: number;
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Item name.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Longer description.' }) description: string | null;
  @Field({ description: 'UNSPSC code (any level).' }) unspscCode: string;
  @Field(() => Decimal, { description: 'Agreed unit price, excluding VAT.' }) price: string;
  @Field({ description: 'ISO 4217 currency.' }) currency: string;
  @Field(() => Decimal, { description: 'VAT rate in percent (25, 15, 12 or 0).' }) vatRate: string;
  @Field({ description: 'UN/ECE Rec 20 unit code (EA, PK, BX …).' }) unitCode: string;
  @Field(() => String, { nullable: true, description: 'GTIN (EAN).' }) gtin: string | null;
  @Field(() => String, { nullable: true, description: 'Manufacturer.' }) manufacturer: string | null;
  @Field(() => GraphQLJSON, { description: 'Category-specific attributes, e.g. {"ecolabel": "Svanemerket"}.' }) attributes: Record<string, string>;
  @Field(() => String, { nullable: true, description: 'Price valid from (YYYY-MM-DD).' }) validFrom: string | null;
  @Field(() => String, { nullable: true, description: 'Price valid to (YYYY-MM-DD).' }) validTo: string | null;
  @Field({ description: 'False for a line that cannot be ordered by itself (UBL OrderableIndicator false, e.g. a deposit): never searchable or orderable.' })
  orderable: boolean;
}

@ObjectType({ description: 'A page of catalogue items.' })
export class CatalogueItemConnection extends ConnectionType(CatalogueItem, 'CatalogueItem') {}

@ObjectType({ description: 'How one item differs between the version in force and the version under review.' })
export class CatalogueItemChange {
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'ADDED, REMOVED or CHANGED.' }) change: string;
  @Field(() => String, { nullable: true, description: 'Name in the new version (or the removed item’s name).' }) name: string | null;
  @Field(() => Decimal, { nullable: true, description: 'Price in the version in force.' }) oldPrice: string | null;
  @Field(() => Decimal, { nullable: true, description: 'Price in the version under review.' }) newPrice: string | null;
  @Field(() => Float, { nullable: true, description: 'Price change in percent, rounded to two decimals (positive = dearer).' }) priceChangePercent: number | null;
  @Field(() => [String], { description: 'Which fields changed (name, price, unspscCode, vatRate, unitCode, gtin, description, attributes).' }) changedFields: string[];
}

@ObjectType({ description: 'A page of item changes.' })
export class CatalogueItemChangeConnection extends ConnectionType(CatalogueItemChange, 'CatalogueItemChange') {}

@ObjectType({ description: 'What publishing a version would change, against the version in force.' })
export class CatalogueReview {
  @Field(() => CatalogueVersion, { description: 'The version under review.' }) version: CatalogueVersion;
  @Field(() => CatalogueVersion, { nullable: true, description: 'The version in force, if any.' }) current: CatalogueVersion | null;
  @Field(() => Int, { description: 'Items that are new.' }) added: number;
  @Field(() => Int, { description: 'Items that would disappear.' }) removed: number;
  @Field(() => Int, { description: 'Items that changed.' }) changed: number;
  @Field(() => Int, { description: 'Items whose price changed.' }) priceChanges: number;
  @Field(() => Float, { nullable: true, description: 'Average price change in percent over the items whose price changed.' }) averagePriceChangePercent: number | null;
  @Field(() => Int, { description: 'Lines of the supplier’s file left out of this version for their problems (see version.excludedLines).' }) excludedLineCount: number;
  @Field(() => Int, { description: 'Warnings the upload gave (see version.warnings).' }) warningCount: number;
  @Field(() => CatalogueItemChangeConnection, { description: 'The changes, item by item (added, removed and changed; largest price changes first).' })
  changes: unknown;
}

@ObjectType({ implements: () => [ErrorResult], description: 'The version is not in a state that allows this step.' })
export class CatalogueStateError extends ErrorResult {
  errorCode = 'INVALID_STATE';
  @Field(() => CatalogueStatus, { description: 'The state the version is in.' }) status: CatalogueStatus;

  static of(status: CatalogueStatus, message: string): CatalogueStateError {
    const error = new CatalogueStateError();
    error.status = status;
    error.message = message;
    return error;
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'A newer version of the catalogue is in force already: publishing this older one would bring back what the supplier has replaced.' })
export class CatalogueVersionOutdatedError extends ErrorResult {
  errorCode = 'OUTDATED_VERSION';
  @Field(() => Int, { description: 'The version in force (newer than this one).' }) publishedVersionId: number;
  @Field(() => Int, { description: 'Its running number within the agreement.' }) publishedVersionNo: number;

  static of(version: { id: number; versionNo: number }, published: { id: number; versionNo: number }): CatalogueVersionOutdatedError {
    const error = new CatalogueVersionOutdatedError();
    error.message = `Catalogue version ${version.id} (no. ${version.versionNo} of its agreement) is older than version ${published.id} (no. ${published.versionNo}), which is published already; it cannot replace a newer catalogue (reject it, or have the supplier upload a new version)`;
    error.publishedVersionId = published.id;
    error.publishedVersionNo = published.versionNo;
    return error;
  }
}

export const CatalogueVersionResult = resultUnion({
  name: 'CatalogueVersionResult',
  description: 'The version after the step, or why the step was not possible.',
  types: () => [CatalogueVersion, CatalogueStateError, CatalogueVersionOutdatedError, PriceIncreasesBeyondClauseError] as const,
});

@InputType({ description: 'Reject a submitted version.' })
export class RejectCatalogueInput {
  @Field(() => Int, { description: 'Version id.' }) @IsInt() versionId: number;
  @Field({ description: 'Why, for the supplier.' }) @IsString() @Length(3, 2000) reason: string;
}
