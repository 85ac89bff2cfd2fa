import { Field, InterfaceType } from '@nestjs/graphql';

/**
 * An expected business failure, returned as data in a result union (see result-union.ts).
 * Error types extend this class and name it in `implements`, so the union can tell them from
 * the success type by class, and `isErrorResult` works on any service result.
 */
@InterfaceType('ErrorResult', { description: 'An expected business failure, returned as data.' })
export abstract class ErrorResult {
  @Field({ description: 'Machine-readable code.' }) errorCode: string;
  @Field({ description: 'What went wrong, for people.' }) message: string;
}

/** True for an ErrorResult: narrows `X | SomeError` to the error. */
export function isErrorResult(value: unknown): value is ErrorResult {
  return value instanceof ErrorResult;
}
