import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Length, ValidateNested } from 'class-validator';
import { ConnectionType } from '../platform/graphql/connection';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';
import { CatalogueStateError, CatalogueVersion } from './catalogues.types';

@ObjectType({ description: 'A UNSPSC code Torg suggests for a catalogue line.' })
export class UnspscSuggestionType {
  @Field({ description: '8-digit UNSPSC code (any level), inside the agreement scope.' }) code: string;
  @Field({ description: 'English title from the code set.' }) title: string;
  @Field(() => Int, { description: '1 segment, 2 family, 3 class, 4 commodity.' }) level: number;
  @Field(() => Float, {
    description: '0..1: the share of the line’s words (weighted by how telling they are) that point at this code in the published catalogues and the code titles.',
  })
  confidence: number;
}

@ObjectType({ description: 'A line of a draft version that waits for a UNSPSC code: it has none, or one outside the agreement scope.' })
export class CatalogueLineAwaitingUnspsc {
  @Field(() => Int, { description: 'Line number (or UBL line ordinal) in the uploaded file.' }) lineNumber: number;
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Item name.' }) name: string;
  @Field(() => String, { nullable: true, description: 'The code the file gave (outside the scope), or null when none.' }) givenCode: string | null;
  @Field({ description: 'Why the line waits.' }) reason: string;
  @Field(() => [UnspscSuggestionType], { description: 'Up to three suggested codes, best first (empty when Torg has no idea).' }) suggestions: UnspscSuggestionType[];
}

@ObjectType({ description: 'A page of lines waiting for a UNSPSC code.' })
export class CatalogueLineAwaitingUnspscConnection extends ConnectionType(CatalogueLineAwaitingUnspsc, 'CatalogueLineAwaitingUnspsc') {}

@InputType({ description: 'The code the supplier accepts for one waiting line.' })
export class UnspscChoiceInput {
  @Field(() => Int, { description: 'Line number, as in unspscAwaiting.' }) @IsInt() lineNumber: number;
  @Field({ description: 'One of the codes suggested for that line.' }) @IsString() @Length(1, 20) code: string;
}

@InputType({ description: 'Accept suggested UNSPSC codes for waiting lines of a draft version, in one step.' })
export class AcceptUnspscSuggestionsInput {
  @Field(() => Int, { description: 'The draft version.' }) @IsInt() versionId: number;
  @Field(() => [UnspscChoiceInput], { description: 'One choice per line (1 to 10,000 lines).' })
  @ValidateNested({ each: true })
  @Type(() => UnspscChoiceInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  lines: UnspscChoiceInput[];
}

@ObjectType({ description: 'The codes were accepted: the lines are items of the version now.' })
export class UnspscSuggestionsAccepted {
  @Field(() => CatalogueVersion, { description: 'The version, with its new item count.' }) version: CatalogueVersion;
  @Field(() => Int, { description: 'Lines that became items.' }) accepted: number;
  @Field(() => Int, { description: 'Lines still waiting for a code (the version can be submitted at 0).' }) stillAwaiting: number;
}

@ObjectType({ description: 'One refused choice: which line, which code, why.' })
export class UnspscChoiceProblem {
  @Field(() => Int, { description: 'The line named.' }) lineNumber: number;
  @Field({ description: 'The code given.' }) code: string;
  @Field({ description: 'Why it was refused.' }) reason: string;
}

@ObjectType({ implements: () => [ErrorResult], description: 'Some choices were refused; none was applied.' })
export class UnspscChoicesRefused extends ErrorResult {
  errorCode = 'UNSPSC_CHOICES_REFUSED';
  @Field(() => [UnspscChoiceProblem], { description: 'Every refused choice.' }) problems: UnspscChoiceProblem[];

  static of(problems: UnspscChoiceProblem[]): UnspscChoicesRefused {
    const error = new UnspscChoicesRefused();
    error.problems = problems;
    error.message = `${problems.length} of the chosen codes were refused; nothing was changed: ${problems
      .slice(0, 3)
      .map((p) => p.reason)
      .join('; ')}${problems.length > 3 ? '; …' : ''}`;
    return error;
  }
}

export const AcceptUnspscSuggestionsResult = resultUnion({
  name: 'AcceptUnspscSuggestionsResult',
  description: 'The lines as items of the version, or why nothing was changed.',
  types: () => [UnspscSuggestionsAccepted, UnspscChoicesRefused, CatalogueStateError] as const,
});
