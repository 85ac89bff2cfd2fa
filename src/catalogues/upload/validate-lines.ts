import { isUnspscCode, normaliseUnspsc } from '../../classification/unspsc-code';
import type { CatalogueItemInput, CatalogueProblem, CatalogueWarning, RawCatalogueLine } from '../catalogue-line';
import { unspscFallbackCandidates } from '../validation/unspsc-fallback';
import { LineRules, validateLine } from '../validation/line-validator';

/** The agreement's rules for lines; whether a UNSPSC code exists is looked up per batch. */
export type AgreementLineRules = Omit<LineRules, 'unspscExists'>;

/** Where a batch's findings go: the problems of a bad line, and the warnings of a good one. */
export interface LineFindings {
  add(...problems: CatalogueProblem[]): void;
  warn(...warnings: CatalogueWarning[]): void;
}

/**
 * The validate step: checks a batch of lines with one look-up of their UNSPSC codes (and, when
 * the agreement accepts the nearest level, of their classes and families), reports every problem
 * and every warning of a valid line, and hands each valid item (with its line) to `onItem`.
 */
export async function validateLines(
  lines: RawCatalogueLine[],
  rules: AgreementLineRules,
  existingCodes: (codes: string[]) => Promise<Set<string>>,
  findings: LineFindings,
  onItem: (item: CatalogueItemInput, raw: RawCatalogueLine) => void,
): Promise<void> {
  const codes = new Set(lines.map((r) => normaliseUnspsc(r.unspsc ?? '')).filter(isUnspscCode));
  if (rules.unspscFallback === 'NEAREST_LEVEL') for (const code of [...codes]) for (const c of unspscFallbackCandidates(code)) codes.add(c);
  const known = await existingCodes([...codes]);
  const batchRules: LineRules = { ...rules, unspscExists: (c) => known.has(c) };
  for (const raw of lines) {
    const { item, problems, warnings } = validateLine(raw, batchRules);
    findings.add(...problems);
    if (!item) continue;
    findings.warn(...warnings);
    onItem(item, raw);
  }
}
