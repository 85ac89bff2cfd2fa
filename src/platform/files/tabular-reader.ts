import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvChunks, CsvSyntaxError, TabularRow } from './csv-chunks';
import { InvalidUtf8Error, Utf8Stream, utf16Of } from './utf8-stream';
import { badInput, DomainError } from '../errors/domain-error';
import { readXlsxRows, XLSX_LIMITS, XlsxError } from './xlsx-rows';

export type { TabularRow };

/** Rows as they stream in, with the file's normalised header row (the same array in every batch). */
export interface TabularBatch {
  headers: string[];
  rows: TabularRow[];
}

export type TabularFormat = 'csv' | 'xlsx';

/** Header text made comparable: lower case, letters and digits only ("Commodity Title" → "commoditytitle"). */
export const normaliseHeader = (h: string) =>
  h
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');

/** Rows per batch from XLSX (CSV batches are whatever one read of the file parsed). */
const XLSX_BATCH = 500;

/**
 * Streams the rows of a CSV (comma or semicolon, detected from the header line; UTF-8 with or
 * without BOM) or an XLSX file (first worksheet) in batches. Broken files surface as
 * BAD_USER_INPUT errors naming the line. Batches, not single rows: one await per row through
 * the reader, the catalogue mapping and the import loop cost more than parsing the CSV itself.
 */
export async function* readTabular(path: string, format: TabularFormat, onBytes?: (read: number, total: number) => void): AsyncGenerator<TabularBatch> {
  const total = (await stat(path)).size;
  if (format === 'csv') yield* readCsv(path, total, onBytes);
  else yield* readXlsx(path, total, onBytes);
}

async function* readCsv(path: string, total: number, onBytes?: (read: number, total: number) => void): AsyncGenerator<TabularBatch> {
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  // Strict UTF-8: a Latin-1 file is refused at its first bad byte rather than stored as U+FFFD.
  const utf8 = new Utf8Stream();
  const csv = new CsvChunks();
  let headers: string[] | undefined;
  let read = 0;
  const batch = function* (rows: TabularRow[]): Generator<TabularBatch> {
    if (!headers && rows.length) headers = rows.shift()!.values.map(normaliseHeader);
    if (headers && rows.length) yield { headers, rows };
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (read === 0) refuseUtf16(chunk);
      if (onBytes) onBytes((read += chunk.length), total);
      else read += chunk.length;
      yield* batch(csv.push(utf8.decode(chunk)));
    }
    utf8.end();
    yield* batch(csv.end());
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw badInput(`The CSV file is malformed at line ${e.line}: ${e.reason}`, { line: e.line });
    if (e instanceof InvalidUtf8Error) throw badInput(`The CSV file is not UTF-8: ${e.message}`, { line: e.line, column: e.column });
    throw e;
  } finally {
    source.destroy();
  }
}

function refuseUtf16(head: Buffer) {
  const utf16 = utf16Of(head);
  if (utf16) {
    throw badInput(`The CSV file is encoded as ${utf16} ("Unicode text"); Torg reads CSV in UTF-8: save it as "CSV UTF-8 (comma delimited)"`, { encoding: utf16 });
  }
}

async function* readXlsx(path: string, total: number, onBytes?: (read: number, total: number) => void): AsyncGenerator<TabularBatch> {
  let read = 0;
  let headers: string[] | undefined;
  let rows: TabularRow[] = [];
  try {
    for await (const sheetRows of readXlsxRows(path, XLSX_LIMITS, (bytes) => onBytes?.((read += bytes), total))) {
      for (const row of sheetRows) {
        if (!headers) {
          headers = row.values.map(normaliseHeader);
          continue;
        }
        if (row.values.every((v) => v === '')) continue;
        rows.push(row);
        if (rows.length >= XLSX_BATCH) {
          yield { headers, rows };
          rows = [];
        }
      }
    }
    if (headers && rows.length) yield { headers, rows };
  } catch (e) {
    if (e instanceof XlsxError) {
      const details = e.row ? { line: e.row } : undefined;
      if (e.tooLarge) throw new DomainError('PAYLOAD_TOO_LARGE', `The XLSX file is refused: ${e.message}`, details);
      throw badInput(`The XLSX file could not be read: ${e.message}; save it again from Excel as .xlsx`, details);
    }
    throw e;
  }
}
