/** The invoice matcher (issue 16 §2): pure, no Nest, no database. */
export { matchInvoice } from './invoice-matcher';
export { LINE_STATUS_SEVERITY, REASON_STATUS } from './line-status';
export { DEFAULT_TOLERANCE, resolveMatchPolicy } from './resolve-match-policy';
export type * from './match-types';
export { matchRuleProblems, toleranceProblems } from './match-rule-problems';
