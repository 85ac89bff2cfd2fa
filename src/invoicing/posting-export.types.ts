import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../platform/graphql/connection';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';

@ObjectType({ description: 'Approved invoices and credit notes handed to the finance system for posting, each exactly once; its files are GET /posting-exports/{id}.csv and .json.' })
export class PostingExportBatch {
  @Field(() => Int, { description: 'The batch.' }) id: number;
  @Field(() => Int, { description: 'The buyer organisation whose accounts payable made it; it holds that organisation’s invoices and those of the organisations below it.' })
  organisationId: number;
  @Field(() => Int, { description: 'How many invoices and credit notes it holds.' }) invoiceCount: number;
  @Field(() => Date, { description: 'When it was made.' }) createdAt: Date;
  @Field({ description: 'Path of the CSV file (; separated, decimal point, UTF-8).' }) csvPath: string;
  @Field({ description: 'Path of the JSON file.' }) jsonPath: string;
}

@ObjectType()
export class PostingExportBatchConnection extends ConnectionType(PostingExportBatch, 'PostingExportBatch') {}

@ObjectType({ implements: () => [ErrorResult], description: 'No approved invoice or credit note is waiting to be exported: no batch was made.' })
export class NothingToExportError extends ErrorResult {
  errorCode = 'NOTHING_TO_EXPORT';

  static of(organisationId: number): NothingToExportError {
    const e = new NothingToExportError();
    e.message = `Organisation ${organisationId} and those below it have no approved invoice or credit note that is not exported yet`;
    return e;
  }
}

export const PostingExportResult = resultUnion({
  name: 'PostingExportResult',
  description: 'The new batch, or NothingToExportError when every approved invoice is exported already.',
  types: () => [PostingExportBatch, NothingToExportError] as const,
});
