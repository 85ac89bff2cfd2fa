import { CeilingExceededError } from '../agreements/agreements.errors';
import { BudgetExceededError, CostCentreInactiveError } from '../identity/buyer-setup/buyer-setup.errors';
import { resultUnion } from '../platform/results/result-union';
import {
  CartEmptyError,
  CartNotOrderableError,
  CartSubmitted,
  NoApproverError,
  NotAuthorisedToApproveError,
  Order,
  OrderStateError,
  OrderVersionConflictError,
  SelfApprovalError,
} from './order.types';

export const SubmitCartResult = resultUnion({
  name: 'SubmitCartResult',
  description: 'The requisitions made, or why nothing was submitted.',
  types: () => [CartSubmitted, CartEmptyError, CartNotOrderableError, NoApproverError, CostCentreInactiveError, CeilingExceededError, BudgetExceededError] as const,
});

export const ApproveRequisitionResult = resultUnion({
  name: 'ApproveRequisitionResult',
  description: 'The approved order, or why it was not approved (nothing changed).',
  types: () => [Order, OrderStateError, OrderVersionConflictError, SelfApprovalError, NotAuthorisedToApproveError, BudgetExceededError, CeilingExceededError] as const,
});

export const DecideRequisitionResult = resultUnion({
  name: 'RejectRequisitionResult',
  description: 'The rejected requisition, or why it could not be rejected.',
  types: () => [Order, OrderStateError, OrderVersionConflictError, SelfApprovalError, NotAuthorisedToApproveError] as const,
});

export const WithdrawRequisitionResult = resultUnion({
  name: 'WithdrawRequisitionResult',
  description: 'The withdrawn requisition, or why it could not be withdrawn.',
  types: () => [Order, OrderStateError, OrderVersionConflictError] as const,
});

export const CancelOrderResult = resultUnion({
  name: 'CancelOrderResult',
  description: 'The cancelled order, or why it could not be cancelled.',
  types: () => [Order, OrderStateError, OrderVersionConflictError] as const,
});

export const CloseOrderResult = resultUnion({
  name: 'CloseOrderResult',
  description: 'The closed order, or why it could not be closed.',
  types: () => [Order, OrderStateError, OrderVersionConflictError] as const,
});

export const RecordPlacedResult = resultUnion({
  name: 'RecordOrderPlacedResult',
  description: 'The order, now sent, or why it could not be recorded.',
  types: () => [Order, OrderStateError] as const,
});
