import type { RequestContext } from '../../platform/context/request-context';
import { CatalogueFormat, ProblemReport, readCatalogueFile } from '../catalogue-import';
import type { CatalogueItemRepository } from '../catalogue-item.repository';
import type { CatalogueHeader, CatalogueItemInput, CatalogueProblem, CatalogueWarning, RawCatalogueLine } from '../catalogue-line';
import type { CatalogueLineNote, CatalogueLineNoteRepository } from '../catalogue-line-note.repository';
import { CatalogueStatus } from '../catalogue-status';
import type { CatalogueVersionEntity } from '../catalogue-version.entity';
import type { CatalogueVersionRepository } from '../catalogue-version.repository';
import { HeaderRules, validateHeader } from '../validation/header-validator';
import { AwaitingCodes, AwaitingStores, LineSuggestions } from './awaiting-codes';
import { DuplicateItems } from './duplicate-items';
import { ExcludedLines } from './excluded-lines';
import { ItemWriter } from './item-writer';
import { AgreementLineRules, LineFindings, validateLines } from './validate-lines';

/** Lines validated (and written) together: one UNSPSC look-up and one COPY per batch. */
const BATCH = 2000;

/**
 * What an upload does with invalid lines: REJECT stores nothing when any line is bad (the
 * default); EXCLUDE stores the valid lines and records the invalid ones with the version.
 */
export type InvalidLines = 'REJECT' | 'EXCLUDE';

export interface UploadFile {
  path: string;
  fileName: string;
  format: CatalogueFormat;
  invalidLines?: InvalidLines;
}

/** The agreement an upload is for, as far as the upload needs it. */
export interface UploadTerms extends HeaderRules, AgreementLineRules {
  agreementId: number;
  supplierId: number;
}

export interface UploadStores extends AwaitingStores {
  versions: CatalogueVersionRepository;
  items: CatalogueItemRepository;
  notes: CatalogueLineNoteRepository;
}

export interface StoredUpload {
  version: CatalogueVersionEntity;
  lineCount: number;
  headerAction: CatalogueHeader['action'];
  /** The warnings (the first ones in full, and their count). */
  report: ProblemReport;
  /** Lines left out (EXCLUDE), with the first of their problems in full. */
  excludedLineCount: number;
  excluded: ProblemReport;
  /** Lines kept beside the version until the supplier accepts a code for each. */
  awaitingCount: number;
  /** Their suggestions (the first 1,000 lines). */
  suggestions: LineSuggestions[];
}

/** Thrown inside the upload's transaction to roll it back when the file has errors; carries the full report. */
export class InvalidCatalogue extends Error {
  constructor(
    readonly report: ProblemReport,
    readonly lineCount: number,
    /** Codes suggested for the lines without a (usable) code, first 1,000 lines. */
    readonly suggestions: LineSuggestions[] = [],
  ) {
    super(`The catalogue has ${report.count} problem(s)`);
  }
}

/**
 * One attempt at storing an uploaded file as a new DRAFT version, inside one transaction:
 * read → validate → deduplicate → write, batch by batch. Its report and line count belong to
 * this attempt, so a retried transaction starts afresh with a new one.
 */
export class CatalogueUpload {
  /** File-level problems (and, when bad lines reject the file, line problems): any one stores nothing. Also the warnings. */
  private readonly report = new ProblemReport();
  /** EXCLUDE only: the lines left out. */
  private readonly excluded: ExcludedLines | null;
  /** Where a line's problems go: the report (REJECT) or the excluded lines (EXCLUDE); warnings are also kept to be stored. */
  private readonly findings: LineFindings;
  private pendingWarnings: CatalogueLineNote[] = [];
  private readonly duplicates = new DuplicateItems();
  private lineCount = 0;
  private header?: CatalogueHeader;
  private version?: CatalogueVersionEntity;
  private writer?: ItemWriter;
  private pending: RawCatalogueLine[] = [];
  private awaiting?: AwaitingCodes;

  constructor(
    private readonly tx: RequestContext,
    private readonly stores: UploadStores,
    private readonly terms: UploadTerms,
    private readonly file: UploadFile,
  ) {
    this.excluded = file.invalidLines === 'EXCLUDE' ? new ExcludedLines(new ProblemReport()) : null;
    const lineProblems = this.excluded ?? this.report;
    this.findings = {
      add: (...problems: CatalogueProblem[]) => lineProblems.add(...problems),
      warn: (...warnings: CatalogueWarning[]) => this.warn(...warnings),
    };
  }

  /** The stored version; throws InvalidCatalogue (with every problem) when the file is refused. */
  async run(): Promise<StoredUpload> {
    for await (const lines of readCatalogueFile(
      this.file.path,
      this.file.format,
      (h) => (this.header = h),
      (w) => this.warn(w),
    )) {
      if (!this.version) await this.open(this.header!);
      this.lineCount += lines.length;
      for (const raw of lines) this.pending.push(raw);
      if (this.pending.length >= BATCH) await this.nextBatch();
    }
    if (!this.version) await this.open(this.header ?? { action: 'Replace' });
    await this.nextBatch();
    const action = this.header!.action;
    if (this.lineCount === 0 && action !== 'Delete') this.report.add({ line: null, location: 'file', field: null, reason: 'The catalogue holds no lines' });
    else if (this.excluded && this.excluded.lineCount === this.lineCount && action !== 'Delete') {
      // Nothing would be left to publish: the file is refused with its lines' problems.
      this.report.add({ line: null, location: 'file', field: null, reason: `Every one of the ${this.lineCount} line(s) is invalid; nothing to publish` }, ...this.excluded.shown.problems);
    }
    const awaiting = this.awaiting!;
    if (this.report.count > 0) {
      awaiting.reportInto(this.report);
      throw new InvalidCatalogue(this.report, this.lineCount, awaiting.suggestions);
    }
    const version = this.version!;
    await this.storeNotes();
    version.itemCount = await this.stores.items.count(this.tx, version.id);
    version.excludedLineCount = this.excluded?.lineCount ?? 0;
    version.warningCount = this.report.warningCount;
    await this.stores.versions.update(this.tx, version.id, { itemCount: version.itemCount, excludedLineCount: version.excludedLineCount, warningCount: version.warningCount });
    return {
      version,
      lineCount: this.lineCount,
      headerAction: action,
      report: this.report,
      excludedLineCount: version.excludedLineCount,
      excluded: this.excluded?.shown ?? new ProblemReport(),
      awaitingCount: awaiting.count,
      suggestions: awaiting.suggestions,
    };
  }

  private warn(...warnings: CatalogueWarning[]) {
    this.report.warn(...warnings);
    // Kept to be stored only while the file may still be stored (a refused one keeps the report's first ones).
    if (this.report.count === 0) for (const w of warnings) this.pendingWarnings.push({ ...w, value: w.value ?? null });
  }

  /** Stores the notes gathered since the last call with the version; once the file is refused, drops them (the report keeps the first ones). */
  private async storeNotes() {
    if (this.report.count > 0) {
      this.pendingWarnings = [];
      this.excluded?.take();
      return;
    }
    if (!this.version) return;
    const { notes } = this.stores;
    if (this.excluded) await notes.insert(this.tx, this.version.id, 'EXCLUDED', this.excluded.take());
    await notes.insert(this.tx, this.version.id, 'WARNING', this.pendingWarnings);
    this.pendingWarnings = [];
  }

  /** Checks the header and creates the draft version (for an Update, a copy of the version in force). */
  private async open(header: CatalogueHeader) {
    const { versions, items } = this.stores;
    const { agreementId } = this.terms;
    this.header = header;
    this.report.add(...validateHeader(header, this.terms));
    const base = header.action === 'Update' ? await versions.published(this.tx, agreementId) : null;
    if (header.action === 'Update' && !base) {
      this.report.add({
        line: null,
        location: '/Catalogue/cbc:ActionCode',
        field: 'ActionCode',
        reason: 'Update needs a published catalogue to apply the changes to; send the full catalogue with Add or Replace',
      });
    }
    this.version = await versions.create(this.tx, {
      agreementId,
      supplierId: this.terms.supplierId,
      versionNo: await versions.nextVersionNo(this.tx, agreementId),
      status: CatalogueStatus.DRAFT,
      sourceFormat: this.file.format,
      fileName: this.file.fileName,
      headerAction: header.action,
      invalidLines: this.file.invalidLines ?? 'REJECT',
      documentId: header.documentId ?? null,
      basedOnId: base?.id ?? null,
      itemCount: 0,
      createdBy: this.tx.user.userId ?? null, // null when a machine client uploads (the audit event names it)
    });
    if (base) await items.copyVersion(this.tx, this.version.id, base.id);
    this.writer = new ItemWriter(this.tx, items, this.version.id, header.action, this.findings, () => this.report.count === 0);
    this.awaiting = new AwaitingCodes(this.tx, this.stores, this.terms, this.version.id, header.action === 'Delete');
  }

  /** Validates, deduplicates and (while the file is clean so far) writes the pending lines. */
  private async nextBatch() {
    // Lines valid but for their code wait beside the version (awaiting-codes.ts); the rest as always.
    const lines = await this.awaiting!.take(this.pending, (item, raw) => this.duplicates.check(item, raw), this.report);
    this.pending = [];
    const valid: CatalogueItemInput[] = [];
    const deleteAll = this.header!.action === 'Delete';
    await validateLines(
      lines,
      this.terms,
      (codes) => this.stores.existingCodes(this.tx, codes),
      this.findings,
      (item, raw) => {
        if (deleteAll) return;
        const duplicate = this.duplicates.check(item, raw);
        if (duplicate) this.findings.add(duplicate);
        else valid.push(item);
      },
    );
    if (valid.length && this.report.count === 0) await this.writer!.write(valid);
    await this.storeNotes();
  }
}
