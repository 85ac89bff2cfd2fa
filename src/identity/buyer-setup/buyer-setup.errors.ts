import { Field, Int, ObjectType } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { formatDecimal } from '../../platform/money/decimal-text';
import type { Money } from '../../platform/money/money';
import { ErrorResult } from '../../platform/results/error-result';
import { Role } from '../role';

@ObjectType({ implements: () => [ErrorResult], description: 'The user named is no member of the organisation (owners, approvers and substitutes must be).' })
export class UserNotInOrganisationError extends ErrorResult {
  errorCode = 'USER_NOT_IN_ORGANISATION';
  @Field(() => Int, { description: 'The user named.' }) userId: number;
  @Field(() => Int, { description: 'The organisation.' }) organisationId: number;
  @Field({ description: 'The input field that named the user.' }) field: string;

  static of(userId: number, organisationId: number, field: string): UserNotInOrganisationError {
    const e = new UserNotInOrganisationError();
    Object.assign(e, { userId, organisationId, field, message: `User ${userId} is no member of organisation ${organisationId} (${field})` });
    return e;
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The user is a member but lacks the role this needs (approvers and substitutes need APPROVER).' })
export class MissingRoleError extends ErrorResult {
  errorCode = 'MISSING_ROLE';
  @Field(() => Int, { description: 'The user named.' }) userId: number;
  @Field(() => Role, { description: 'The role they need in the organisation.' }) role: Role;
  @Field({ description: 'The input field that named the user.' }) field: string;

  static of(userId: number, organisationId: number, role: Role, field: string): MissingRoleError {
    const e = new MissingRoleError();
    Object.assign(e, { userId, role, field, message: `User ${userId} needs the ${role} role in organisation ${organisationId} first (${field})` });
    return e;
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'Another record of the organisation has this value already (a cost-centre code, a delivery-address label; letter case ignored).' })
export class DuplicateValueError extends ErrorResult {
  errorCode = 'DUPLICATE';
  @Field({ description: 'The input field.' }) field: string;
  @Field({ description: 'The value given.' }) value: string;
  @Field(() => Int, { description: 'The record that has it.' }) existingId: number;

  static of(what: string, field: string, value: string, existingId: number): DuplicateValueError {
    const e = new DuplicateValueError();
    Object.assign(e, { field, value, existingId, message: `The organisation has a ${what} with ${field} "${value}" already (id ${existingId})` });
    return e;
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The cost centre is inactive: nothing new is ordered on it.' })
export class CostCentreInactiveError extends ErrorResult {
  errorCode = 'COST_CENTRE_INACTIVE';
  @Field(() => Int, { description: 'The cost centre.' }) costCentreId: number;

  static of(costCentreId: number, code: string): CostCentreInactiveError {
    const e = new CostCentreInactiveError();
    Object.assign(e, { costCentreId, message: `Cost centre ${code} (${costCentreId}) is inactive` });
    return e;
  }
}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'The commitment would take the cost centre over its budget for the year; an approver may override with a reason.',
})
export class BudgetExceededError extends ErrorResult {
  errorCode = 'BUDGET_EXCEEDED';
  @Field(() => Int, { description: 'The cost centre.' }) costCentreId: number;
  @Field({ description: 'Its code.' }) costCentreCode: string;
  @Field(() => Int, { description: 'The budget year.' }) year: number;
  @Field(() => Decimal, { description: 'The budget for the year, excluding VAT.' }) budget: Money;
  @Field(() => Decimal, { description: 'Committed on it already by other sources, excluding VAT: each the larger of what it committed and what has been invoiced of it.' }) committed: Money;
  @Field(() => Decimal, { description: 'What is left: budget − committed (negative when already over).' }) remaining: Money;
  @Field(() => Decimal, { description: 'The amount asked for, excluding VAT (or what was invoiced of the source already, when more).' }) requested: Money;
  @Field({ description: 'ISO 4217 currency of the amounts (NOK).' }) currency: string;

  static of(costCentre: { id: number; code: string }, year: number, budget: Money, committed: Money, requested: Money): BudgetExceededError {
    const e = new BudgetExceededError();
    const remaining = budget.minus(committed);
    const nok = (m: Money) => `${m.currency} ${formatDecimal(m.amount)}`;
    Object.assign(e, {
      costCentreId: costCentre.id,
      costCentreCode: costCentre.code,
      year,
      budget,
      committed,
      remaining,
      requested,
      currency: budget.currency,
      message: `Cost centre ${costCentre.code} has too little left of its ${year} budget: remaining ${nok(remaining)}, requested ${nok(requested)}; an approver may override with a reason`,
    });
    return e;
  }
}
