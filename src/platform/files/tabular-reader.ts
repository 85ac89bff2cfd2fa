import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { badInput } from '../errors/domain-error';

/** One data row of a CSV or XLSX file: cells by header, and its 1-based line (row) number. */
export interface TabularRow {
  line: number;
  cells: Record<string, string>;
}

export type TabularFormat = 'csv' | 'xlsx';

/** Header text made comparable: lower case, letters and digits only ("Commodity Title" → "commoditytitle"). */
export const normaliseHeader = (h: string) => h.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');

/**
 * Streams the rows of a CSV (comma or semicolon, detected from the header line; UTF-8 with or
 * without BOM) or an XLSX file (first worksheet), keyed by normalised header. Broken files
 * surface as BAD_USER_INPUT errors naming the line.
 */
export async function* readTabular(path: string, format: TabularFormat, onBytes?: (read: number, total: number) => void): AsyncGenerator<TabularRow> {
  const total = (await stat(path)).size;
  if (format === 'csv') yield* readCsv(path, total, onBytes);
  else yield* readXlsx(path, total, onBytes);
}

async function* readCsv(path: string, total: number, onBytes?: (read: number, total: number) => void): AsyncGenerator<TabularRow> {
  let read = 0;
  let delimiter: string | undefined;
  // Peek at the first line to choose the delimiter (Excel in Norway writes semicolons).
  for await (const chunk of createReadStream(path, { start: 0, end: 4095 })) {
    const firstLine = String(chunk).split(/\r?\n/)[0];
    delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    break;
  }
  const counter = new Transform({
    transform(chunk, _enc, cb) {
      read += chunk.length;
      onBytes?.(read, total);
      cb(null, chunk);
    },
  });
  const parser = createReadStream(path)
    .pipe(counter)
    .pipe(parse({ bom: true, delimiter: delimiter ?? ',', columns: (h: string[]) => h.map(normaliseHeader), skip_empty_lines: true, trim: true, relax_column_count: false, info: true }));
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: record.info.lines, cells: record.record };
    }
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    if (err.code?.startsWith('CSV_')) throw badInput(`The CSV file is malformed at line ${err.lines ?? '?'}: ${err.message}`, { line: err.lines });
    throw e;
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    return '';
  }
  return String(value).trim();
}

async function* readXlsx(path: string, total: number, onBytes?: (read: number, total: number) => void): AsyncGenerator<TabularRow> {
  const stream = createReadStream(path);
  let read = 0;
  stream.on('data', (c) => {
    read += c.length;
    onBytes?.(read, total);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      let headers: string[] | undefined;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (!headers) {
          headers = values.map(normaliseHeader);
          continue;
        }
        if (values.every((v) => v === '')) continue;
        const cells: Record<string, string> = {};
        headers.forEach((h, i) => {
          if (h) cells[h] = values[i] ?? '';
        });
        yield { line: row.number, cells };
      }
      break; // only the first worksheet holds data
    }
  } catch (e) {
    if (e instanceof Error && !(e as { code?: string }).code?.startsWith?.('BAD_USER')) {
      throw badInput(`The XLSX file could not be read (${e.message}); save it again from Excel as .xlsx`);
    }
    throw e;
  } finally {
    stream.destroy();
  }
}
