/** The colour of an invoice's status tag: settled green, refused red, waiting on the buyer neutral, questions and differences warning. */
export function invoiceStatusColor(status: string): 'success' | 'danger' | 'warning' | 'neutral' {
  if (status === 'APPROVED' || status === 'PAID') return 'success';
  if (status === 'DISPUTED') return 'danger';
  if (status === 'EXCEPTION' || status === 'UNDER_QUERY') return 'warning';
  return 'neutral';
}
