import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ErrorResult } from '../platform/results/error-result';
import { InvoiceStatus } from './invoice-status';

@ObjectType({ implements: () => [ErrorResult], description: 'The invoice is in a state where this step is not allowed (it was decided already).' })
export class InvoiceStateError extends ErrorResult {
  errorCode = 'INVALID_INVOICE_STATE';
  @Field(() => InvoiceStatus, { description: 'The invoice’s current state.' }) status: InvoiceStatus;

  static of(status: InvoiceStatus, message: string): InvoiceStateError {
    return Object.assign(new InvoiceStateError(), { status, message });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The invoice changed since you read it (re-matched or decided): read it again and decide on what it is now.' })
export class InvoiceVersionConflictError extends ErrorResult {
  errorCode = 'INVOICE_VERSION_CONFLICT';
  @Field(() => Int, { description: 'Its version now.' }) currentVersion: number;

  static of(name: string, expected: number, current: number): InvoiceVersionConflictError {
    return Object.assign(new InvoiceVersionConflictError(), { currentVersion: current, message: `${name} is at version ${current}, not ${expected}: it changed since you read it` });
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'Approving an invoice that did not match needs a reason (why it may be paid as it is).' })
export class ReasonRequiredError extends ErrorResult {
  errorCode = 'REASON_REQUIRED';
}

@ObjectType({ implements: () => [ErrorResult], description: 'The buyer organisation has a match rule for this supplier and category already: remove it first.' })
export class MatchRuleExistsError extends ErrorResult {
  errorCode = 'MATCH_RULE_EXISTS';
}
