import { Field, ObjectType } from '@nestjs/graphql';
import { ErrorResult } from '../platform/results/error-result';

/** Errors about the lines of an order that several ordering steps share (responses, despatch, receipt). */
@ObjectType({ implements: () => [ErrorResult], description: 'Line ids that are not lines of the order (its UBL LineIDs, OrderLine.lineId). Nothing was changed.' })
export class UnknownOrderLineError extends ErrorResult {
  errorCode = 'UNKNOWN_ORDER_LINE';
  @Field(() => [String], { description: 'The line ids the order does not have.' }) lineIds: string[];

  static of(orderName: string, lineIds: string[]): UnknownOrderLineError {
    return Object.assign(new UnknownOrderLineError(), { lineIds, message: `${orderName} has no line ${lineIds.join(', ')}` });
  }
}
