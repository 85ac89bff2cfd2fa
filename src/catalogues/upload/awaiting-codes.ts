import { normaliseUnspsc } from '../../classification/unspsc-code';
import type { UnspscSuggestion } from '../../classification/suggestions/unspsc-suggester';
import type { ItemText } from '../../classification/suggestions/suggestion-text';
import type { RequestContext } from '../../platform/context/request-context';
import type { AwaitingLine } from '../awaiting-unspsc.repository';
import { ProblemReport } from '../catalogue-import';
import type { CatalogueItemInput, CatalogueProblem, RawCatalogueLine } from '../catalogue-line';
import { awaitingCodeReason } from './awaiting-code';
import { AgreementLineRules, validateLines } from './validate-lines';

/** What the report says about a line without a usable code: why, and the codes Torg suggests. */
export interface LineSuggestions {
  line: number;
  sellerItemId: string;
  name: string;
  givenCode: string | null;
  reason: string;
  suggestions: UnspscSuggestion[];
}

/** Lines in a report's suggestion list (as many as the report keeps problems). */
const REPORTED = 1000;

export interface AwaitingStores {
  existingCodes: (tx: RequestContext, codes: string[]) => Promise<Set<string>>;
  suggest: (tx: RequestContext, texts: ItemText[], scope: string[]) => Promise<UnspscSuggestion[][]>;
  holdLines: (tx: RequestContext, versionId: number, lines: AwaitingLine[]) => Promise<void>;
}

/**
 * The upload step for lines whose only fault is their UNSPSC code (none, or one outside the
 * scope): such a line is validated as if it had a code inside the scope and, if that passes, it
 * waits beside the draft version with Torg's suggestions instead of failing the file. Every such
 * line gets suggestions in the report. When the file fails for other reasons, the waiting lines'
 * own problems go into its report too, worded as the validator words them: nothing changes for
 * a file that is bad anyway.
 */
export class AwaitingCodes {
  count = 0;
  readonly suggestions: LineSuggestions[] = [];
  private readonly problems = new ProblemReport();

  constructor(
    private readonly tx: RequestContext,
    private readonly stores: AwaitingStores,
    private readonly rules: AgreementLineRules,
    private readonly versionId: number,
    private readonly off: boolean,
  ) {}

  /** Takes the waiting lines out of a batch (storing them while the report is clean) and returns the others, in order. */
  async take(lines: RawCatalogueLine[], duplicate: (item: CatalogueItemInput, raw: RawCatalogueLine) => CatalogueProblem | null, report: ProblemReport): Promise<RawCatalogueLine[]> {
    if (this.off) return lines;
    const candidates = lines.map((raw) => ({ raw, reason: awaitingCodeReason(raw, this.rules.scope) })).filter((c): c is { raw: RawCatalogueLine; reason: string } => c.reason !== null);
    if (!candidates.length) return lines;

    const existing = (codes: string[]) => this.stores.existingCodes(this.tx, codes);
    const probed = new Map<number, CatalogueItemInput>();
    const probes = candidates.map((c) => ({ ...c.raw, unspsc: this.rules.scope[0], unspscListId: undefined }));
    await validateLines(probes, this.rules, existing, new ProblemReport(0), (item, raw) => probed.set(raw.lineNo, item));

    const suggested = await this.stores.suggest(
      this.tx,
      candidates.map((c) => ({ name: c.raw.name ?? '', description: c.raw.description, manufacturer: c.raw.manufacturer })),
      this.rules.scope,
    );
    const held: AwaitingLine[] = [];
    candidates.forEach((c, i) => {
      const givenCode = normaliseUnspsc(c.raw.unspsc ?? '') || null;
      if (this.suggestions.length < REPORTED) {
        this.suggestions.push({ line: c.raw.lineNo, sellerItemId: (c.raw.sellerItemId ?? '').trim(), name: (c.raw.name ?? '').trim(), givenCode, reason: c.reason, suggestions: suggested[i] });
      }
      const item = probed.get(c.raw.lineNo);
      if (!item) return; // it has other problems: validated as always
      const dup = duplicate(item, c.raw);
      if (dup) return void report.add(dup);
      held.push({ lineNo: item.lineNo, sellerItemId: item.sellerItemId, name: item.name, givenCode, reason: c.reason, item: { ...item, unspsc: '' }, suggestions: suggested[i] });
    });
    if (!held.length) return lines;
    const heldNos = new Set(held.map((h) => h.lineNo));
    const originals = lines.filter((l) => heldNos.has(l.lineNo));
    await validateLines(originals, this.rules, existing, this.problems, () => undefined);
    if (report.count === 0) await this.stores.holdLines(this.tx, this.versionId, held);
    this.count += held.length;
    return lines.filter((l) => !heldNos.has(l.lineNo));
  }

  /** The file failed: the waiting lines' problems join its report, which is put back in line order. */
  reportInto(report: ProblemReport): void {
    const kept = this.problems.problems.length;
    report.add(...this.problems.problems);
    report.count += this.problems.count - kept;
    report.problems.sort((a, b) => (a.line ?? -1) - (b.line ?? -1));
  }
}
