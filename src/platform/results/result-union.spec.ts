import { ErrorResult, isErrorResult } from './error-result';
import { resolveMember } from './result-union';

class Order {
  id = 1;
}
class OrderStateError extends ErrorResult {
  errorCode = 'INVALID_STATE';
}
class BudgetError extends ErrorResult {
  errorCode = 'OVER_BUDGET';
}
class StrayError extends ErrorResult {
  errorCode = 'STRAY';
}
const members = [Order, OrderStateError, BudgetError] as const;

describe('result unions', () => {
  it('resolves error results by their class', () => {
    expect(resolveMember('OrderResult', members, new OrderStateError())).toBe(OrderStateError);
    expect(resolveMember('OrderResult', members, new BudgetError())).toBe(BudgetError);
  });
  it('resolves the success type by class, or a plain value or entity as the one success member', () => {
    expect(resolveMember('OrderResult', members, new Order())).toBe(Order);
    expect(resolveMember('OrderResult', members, { id: 7, status: 'SENT' })).toBe(Order);
  });
  it('lets a __typename on the value decide', () => {
    expect(resolveMember('OrderResult', members, { __typename: 'BudgetError', errorCode: 'OVER_BUDGET' })).toBe('BudgetError');
  });
  it('refuses what it cannot place instead of guessing', () => {
    expect(() => resolveMember('OrderResult', members, new StrayError())).toThrow('OrderResult: StrayError is an ErrorResult but not a member of the union');
    expect(() => resolveMember('TwoWays', [Order, class Invoice {}, BudgetError], { id: 1 })).toThrow('needs a __typename');
    expect(() => resolveMember('OrderResult', members, null)).toThrow('cannot resolve null');
  });
  it('tells error results from successes', () => {
    expect(isErrorResult(new BudgetError())).toBe(true);
    expect(isErrorResult(new Order())).toBe(false);
    expect(isErrorResult({ errorCode: 'LOOKS_LIKE_ONE', message: 'but is no ErrorResult' })).toBe(false);
  });
});
