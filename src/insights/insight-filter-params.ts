import { validateSync } from 'class-validator';
import { badInput } from '../platform/errors/domain-error';
import { InsightFilter } from './insights.types';

const INTEGER_PARAMS = new Set(['organisationId', 'supplierId', 'agreementId']);
const TEXT_PARAMS = new Set(['from', 'to', 'period', 'unspscLevel', 'unspscCode', 'basis']);
/** Paging of exported lines, read by the controller beside the filter. */
export const PAGE_PARAMS = new Set(['offset', 'limit']);

/**
 * The export's query parameters as the GraphQL InsightFilter, checked by the same rules
 * (class-validator): an unknown or repeated parameter, a malformed number or value is a 400
 * naming it. `groupBy` is a comma-separated list ("PERIOD,CATEGORY"; empty: totals only).
 */
export function filterFromParams(query: Record<string, unknown>): InsightFilter {
  const filter = new InsightFilter();
  const target = filter as unknown as Record<string, unknown>;
  for (const [name, raw] of Object.entries(query)) {
    if (PAGE_PARAMS.has(name)) continue;
    if (typeof raw !== 'string') throw badInput(`${name} must be given once, as text`, { field: name });
    if (INTEGER_PARAMS.has(name)) {
      if (!/^\d{1,9}$/.test(raw)) throw badInput(`${name} must be a whole number`, { field: name });
      target[name] = Number(raw);
    } else if (TEXT_PARAMS.has(name)) target[name] = raw;
    else if (name === 'groupBy') filter.groupBy = raw.split(',').filter(Boolean) as InsightFilter['groupBy'];
    else throw badInput(`unknown parameter ${name}`, { field: name });
  }
  const [problem] = validateSync(filter, { forbidUnknownValues: false });
  if (problem) throw badInput(Object.values(problem.constraints ?? {})[0] ?? `${problem.property} is invalid`, { field: problem.property });
  return filter;
}

/** A whole-number query parameter within bounds, or its default when absent. */
export function pageParam(query: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw) || Number(raw) > max) throw badInput(`${name} must be a whole number up to ${max}`, { field: name });
  return Number(raw);
}
