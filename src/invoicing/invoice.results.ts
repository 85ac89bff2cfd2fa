import { resultUnion } from '../platform/results/result-union';
import { InvoiceStateError, InvoiceVersionConflictError, MatchRuleExistsError, ReasonRequiredError } from './invoice.errors';
import { Invoice } from './invoice.types';
import { InvoiceMatchRule } from './match-policy.types';

export const DecideInvoiceResult = resultUnion({
  name: 'DecideInvoiceResult',
  description: 'The invoice as decided, or why nothing changed.',
  types: () => [Invoice, InvoiceStateError, InvoiceVersionConflictError, ReasonRequiredError] as const,
});

export const AddInvoiceMatchRuleResult = resultUnion({
  name: 'AddInvoiceMatchRuleResult',
  description: 'The rule added, or why not.',
  types: () => [InvoiceMatchRule, MatchRuleExistsError] as const,
});
