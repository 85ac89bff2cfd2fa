import { isUnspscCode, normaliseUnspsc } from '../../classification/unspsc-code';
import type { ProblemReport } from '../catalogue-import';
import type { CatalogueItemInput, RawCatalogueLine } from '../catalogue-line';
import { LineRules, validateLine } from '../validation/line-validator';

/** The agreement's rules for lines; whether a UNSPSC code exists is looked up per batch. */
export type AgreementLineRules = Omit<LineRules, 'unspscExists'>;

/**
 * The validate step: checks a batch of lines with one look-up of their UNSPSC codes, adds every
 * problem to the report and hands each valid item (with its line) to `onItem`.
 */
export async function validateLines(
  lines: RawCatalogueLine[],
  rules: AgreementLineRules,
  existingCodes: (codes: string[]) => Promise<Set<string>>,
  report: ProblemReport,
  onItem: (item: CatalogueItemInput, raw: RawCatalogueLine) => void,
): Promise<void> {
  const known = await existingCodes([...new Set(lines.map((r) => normaliseUnspsc(r.unspsc ?? '')).filter(isUnspscCode))]);
  const batchRules: LineRules = { ...rules, unspscExists: (c) => known.has(c) };
  for (const raw of lines) {
    const { item, problems } = validateLine(raw, batchRules);
    report.add(...problems);
    if (item) onItem(item, raw);
  }
}
