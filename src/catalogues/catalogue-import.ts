import { createReadStream } from 'node:fs';
import { badInput, DomainError } from '../platform/errors/domain-error';
import { readTabular } from '../platform/files/tabular-reader';
import { MisdeclaredUtf8, readUblCatalogue, UblError } from '../peppol';
import { CatalogueHeader, CatalogueProblem, CatalogueWarning, RawCatalogueLine } from './catalogue-line';
import { mapTemplateHeaders, tabularRowToLine, TemplateMapping } from './formats/tabular-catalogue';
import { ublHeader, ublLineToRaw } from './formats/ubl-catalogue-line';

export type CatalogueFormat = 'csv' | 'xlsx' | 'ubl';

/** The format from the file name (and, failing that, the first bytes the caller peeked at). */
export function catalogueFormatOf(fileName: string, head?: Buffer): CatalogueFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.xml')) return 'ubl';
  if (head) {
    if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx'; // zip
    if (/^\s*(\xef\xbb\xbf)?<\?xml|^\s*</.test(head.subarray(0, 100).toString('latin1'))) return 'ubl';
    return 'csv';
  }
  throw badInput(`Cannot tell the format of "${fileName}": use .csv, .xlsx or .xml (UBL Catalogue)`);
}

/** UBL lines per batch (tabular files come in the reader's batches). */
const UBL_BATCH = 500;

/**
 * Reads a catalogue file of any format as (header, batches of lines). File-level problems
 * (malformed XML, missing columns) are thrown as BAD_USER_INPUT with a precise reason; line
 * problems are left to the validator.
 */
export async function* readCatalogueFile(
  path: string,
  format: CatalogueFormat,
  onHeader: (h: CatalogueHeader) => void,
  onWarning: (w: CatalogueWarning) => void = () => undefined,
): AsyncGenerator<RawCatalogueLine[]> {
  if (format === 'ubl') {
    let lines: RawCatalogueLine[] = [];
    try {
      for await (const event of readUblCatalogue(createReadStream(path, { highWaterMark: 256 * 1024 }))) {
        if (event.type === 'encoding') {
          onWarning(misdeclaredEncodingWarning(event.misdeclared));
          continue;
        }
        if (event.type === 'header') {
          const header = ublHeader(event.header);
          if (!header) throw badInput(`The Catalogue ActionCode "${event.header.actionCode?.value}" is not Add, Replace, Update or Delete`, { location: event.header.actionCode?.path });
          onHeader(header);
          continue;
        }
        lines.push(ublLineToRaw(event.line));
        if (lines.length >= UBL_BATCH) {
          yield lines;
          lines = [];
        }
      }
    } catch (e) {
      if (e instanceof UblError) {
        const message = e.message + (e.xmlLine ? ` (XML line ${e.xmlLine})` : '');
        throw e.tooLarge ? new DomainError('PAYLOAD_TOO_LARGE', message, { line: e.xmlLine }) : badInput(message, { line: e.xmlLine });
      }
      throw e;
    }
    if (lines.length) yield lines;
    return;
  }
  onHeader({ action: 'Replace' });
  let mapping: TemplateMapping | undefined;
  for await (const batch of readTabular(path, format)) {
    if (!mapping) {
      const mapped = mapTemplateHeaders(batch.headers);
      if (mapped.missing.length) {
        throw badInput(`The ${format.toUpperCase()} file lacks the required column(s) ${mapped.missing.join(', ')} (see the catalogue template in README)`, { missingColumns: mapped.missing });
      }
      mapping = mapped.mapping;
    }
    const lines = new Array<RawCatalogueLine>(batch.rows.length);
    for (let i = 0; i < batch.rows.length; i++) lines[i] = tabularRowToLine(batch.rows[i], mapping);
    yield lines;
  }
}

/** The report's warning for a catalogue declared in a single-byte encoding whose text is UTF-8. */
export function misdeclaredEncodingWarning(m: MisdeclaredUtf8): CatalogueWarning {
  return {
    line: null,
    location: `XML line ${m.line}`,
    field: 'encoding',
    code: 'ENCODING_READ_AS_UTF8',
    message: `The XML declares the encoding "${m.declared}" but is UTF-8 (the bytes ${m.bytes} at XML line ${m.line} are "${m.character}"); it was read as UTF-8. Declare encoding="UTF-8"`,
    value: m.declared,
  };
}

/**
 * Keeps the first N problems (and warnings) in full and counts the rest, so a 1M-line disaster
 * stays readable.
 */
export class ProblemReport {
  readonly problems: CatalogueProblem[] = [];
  readonly warnings: CatalogueWarning[] = [];
  count = 0;
  warningCount = 0;
  constructor(private readonly keep = 1000) {}
  add(...problems: CatalogueProblem[]) {
    for (const p of problems) {
      this.count++;
      if (this.problems.length < this.keep) this.problems.push(p);
    }
  }
  warn(...warnings: CatalogueWarning[]) {
    for (const w of warnings) {
      this.warningCount++;
      if (this.warnings.length < this.keep) this.warnings.push(w);
    }
  }
}
