import { badInput } from '../../platform/errors/domain-error';
import type { InvalidLines } from './catalogue-upload';

/**
 * The upload option `invalidLines` (query parameter or form field): "reject" (the default: any
 * bad line refuses the file) or "exclude" (store the valid lines, record the others).
 */
export function invalidLinesOption(...given: unknown[]): InvalidLines {
  const values = given.filter((v) => v !== undefined && v !== '');
  if (!values.length) return 'REJECT';
  const modes = values.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : ''));
  for (const [i, mode] of modes.entries()) {
    if (mode !== 'REJECT' && mode !== 'EXCLUDE') throw badInput(`invalidLines must be "reject" or "exclude", not ${JSON.stringify(values[i])}`, { field: 'invalidLines' });
  }
  if (new Set(modes).size > 1) throw badInput('invalidLines is given twice with different values (query and form field)', { field: 'invalidLines' });
  return modes[0] as InvalidLines;
}
