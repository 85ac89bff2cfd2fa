/** The colour of a catalogue version's status tag. */
export function versionStatusColor(status: string): 'success' | 'danger' | 'warning' | 'neutral' {
  if (status === 'PUBLISHED') return 'success';
  if (status === 'REJECTED') return 'danger';
  if (status === 'SUBMITTED') return 'warning';
  return 'neutral';
}
