import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionType, PageArgs } from '../../platform/graphql/connection';
import { ErrorResult } from '../../platform/results/error-result';
import { resultUnion } from '../../platform/results/result-union';
import { SynonymProblemCode } from './synonym-group-rules';

export enum SynonymDirection {
  BOTH_WAYS = 'BOTH_WAYS',
  ONE_WAY = 'ONE_WAY',
}
registerEnumType(SynonymDirection, {
  name: 'SynonymDirection',
  description: 'BOTH_WAYS: every term also searches for the others. ONE_WAY: the first term also searches for the others, not the reverse.',
});

@InputType({ description: 'A synonym group an organisation adds to the maintained list (Norwegian and English, Norwegian spellings, local words).' })
export class AddSearchSynonymsInput {
  @Field(() => Int, { nullable: true, description: 'The organisation the group belongs to: yours (default) or one below it.' })
  @IsOptional()
  @IsInt()
  organisationId?: number;
  // Sizes beyond any group are refused by the input check; the real limits (2–20 terms, 60 characters) come back as InvalidSynonymGroupError.
  @Field(() => [String], { description: 'Two to 20 words or phrases of up to three words each, e.g. ["håndsprit", "hånddesinfeksjon"].' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  terms: string[];
  @Field(() => SynonymDirection, { defaultValue: SynonymDirection.BOTH_WAYS, description: 'Both ways (default), or one way from the first term.' })
  @IsEnum(SynonymDirection)
  direction: SynonymDirection;
}

@ArgsType()
export class SearchSynonymsArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'The organisation: yours when left out, or one below it.' })
  @IsOptional()
  @IsInt()
  organisationId?: number;
}

@ObjectType({ description: 'A synonym group of an organisation: it applies to searches by the organisation’s users and those of the organisations below it.' })
export class SearchSynonymGroup {
  @Field(() => Int, { description: 'Id of the group.' }) id: number;
  @Field(() => Int, { description: 'The organisation it belongs to.' }) organisationId: number;
  @Field(() => [String], { description: 'The terms as written; for ONE_WAY the first is the one that searches for the others.' }) terms: string[];
  @Field(() => SynonymDirection, { description: 'Both ways, or one way from the first term.' }) direction: SynonymDirection;
  @Field({ description: 'When it was added.' }) createdAt: Date;
}

@ObjectType({ description: 'A page of synonym groups.' })
export class SearchSynonymGroupConnection extends ConnectionType(SearchSynonymGroup, 'SearchSynonymGroup') {}

@ObjectType({
  implements: () => [ErrorResult],
  description:
    'The group cannot be used as written. errorCode: TOO_FEW_TERMS, TOO_MANY_TERMS (2–20), EMPTY_TERM (no letters or digits), TERM_TOO_LONG (over 60 characters), TOO_MANY_WORDS (over three words: a search reads no longer phrase), REPEATED_TERM (the same term twice, ignoring case and accents), TOO_MANY_GROUPS (the organisation has 500).',
})
export class InvalidSynonymGroupError extends ErrorResult {
  @Field(() => Int, { nullable: true, description: 'Position (0-based) in `terms` of the term at fault, when one is.' }) termIndex: number | null;

  static of(errorCode: SynonymProblemCode | 'TOO_MANY_GROUPS', termIndex: number | null, message: string): InvalidSynonymGroupError {
    return Object.assign(new InvalidSynonymGroupError(), { errorCode, termIndex, message });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The organisation has this group already (the same terms in the same direction; order, case and accents ignored).' })
export class DuplicateSynonymGroupError extends ErrorResult {
  errorCode = 'DUPLICATE_SYNONYM_GROUP';
  @Field(() => Int, { description: 'The group it repeats.' }) existingGroupId: number;

  static of(existingGroupId: number, organisationId: number): DuplicateSynonymGroupError {
    return Object.assign(new DuplicateSynonymGroupError(), { existingGroupId, message: `Organisation ${organisationId} has this synonym group already (group ${existingGroupId})` });
  }
}

export const AddSearchSynonymsResult = resultUnion({
  name: 'AddSearchSynonymsResult',
  description: 'The group added, or why not.',
  types: () => [SearchSynonymGroup, InvalidSynonymGroupError, DuplicateSynonymGroupError] as const,
});
