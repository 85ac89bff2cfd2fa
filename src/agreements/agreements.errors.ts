import { Field, Int, ObjectType } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { formatDecimal } from '../platform/money/decimal-text';
import type { Money } from '../platform/money/money';
import { ErrorResult } from '../platform/results/error-result';

@ObjectType({ implements: () => [ErrorResult], description: 'The order would take the agreement past its value ceiling (shared by every participant).' })
export class CeilingExceededError extends ErrorResult {
  errorCode = 'AGREEMENT_CEILING_EXCEEDED';
  @Field(() => Int, { description: 'The agreement.' }) agreementId: number;
  @Field({ description: 'Its reference.' }) agreementReference: string;
  @Field(() => Decimal, { description: 'The value ceiling.' }) ceiling: Money;
  @Field(() => Decimal, { description: 'Drawn on it already by other approved orders: each the larger of what it drew and what has been invoiced of it.' }) committed: Money;
  @Field(() => Decimal, { description: 'What is left: ceiling − committed (negative when already over).' }) remaining: Money;
  @Field(() => Decimal, { description: 'The amount asked for (or what was invoiced of the source already, when more).' }) requested: Money;
  @Field({ description: 'ISO 4217 currency of the amounts (the agreement’s).' }) currency: string;

  static of(agreement: { id: number; reference: string }, ceiling: Money, committed: Money, requested: Money): CeilingExceededError {
    const e = new CeilingExceededError();
    const remaining = ceiling.minus(committed);
    const money = (m: Money) => `${m.currency} ${formatDecimal(m.amount)}`;
    Object.assign(e, {
      agreementId: agreement.id,
      agreementReference: agreement.reference,
      ceiling,
      committed,
      remaining,
      requested,
      currency: ceiling.currency,
      message: `Agreement ${agreement.reference} has too little left under its value ceiling of ${money(ceiling)}: remaining ${money(remaining)}, requested ${money(requested)}`,
    });
    return e;
  }
}
