import type { ProblemReport } from '../catalogue-import';
import type { CatalogueProblem } from '../catalogue-line';
import type { CatalogueLineNote } from '../catalogue-line-note.repository';

/** The note code of an excluded line's problem. */
export const EXCLUDED_LINE_CODE = 'INVALID_LINE';

/**
 * The line problems of an upload that publishes its valid lines and leaves the invalid ones out:
 * a bad line's problems exclude it (recorded with the version, never fatal). `take()` hands the
 * notes gathered since the last call to be stored.
 */
export class ExcludedLines {
  private readonly lines = new Set<number>();
  private pending: CatalogueLineNote[] = [];

  constructor(
    /** The first problems in full, for the supplier's answer (all are stored). */
    readonly shown: ProblemReport,
  ) {}

  /** Lines left out so far. */
  get lineCount(): number {
    return this.lines.size;
  }

  has(line: number): boolean {
    return this.lines.has(line);
  }

  add(...problems: CatalogueProblem[]): void {
    for (const p of problems) {
      if (p.line !== null) this.lines.add(p.line);
      this.pending.push({ line: p.line, location: p.location, field: p.field, code: EXCLUDED_LINE_CODE, message: p.reason, value: p.value ?? null });
    }
    this.shown.add(...problems);
  }

  take(): CatalogueLineNote[] {
    const notes = this.pending;
    this.pending = [];
    return notes;
  }
}
