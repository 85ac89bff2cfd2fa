import { SaxesParser, SaxesTag } from 'saxes';
import { entryChunks, InflateBudget, readZipDirectory, ZipEntry, ZipError } from './zip-entries';

/**
 * Rows of the first worksheet of an XLSX file, read straight from the zip on disk: the shared
 * strings first, then the worksheet, each inflated and parsed as a stream (saxes). Nothing is
 * unpacked to disk, and what is held in memory is bounded by the limits below; past one of them
 * the file is refused (tooLarge), as is a zip that inflates past its bound (a zip bomb).
 */

export interface XlsxLimits {
  /** Bytes all the parts read may inflate to together. */
  maxInflatedBytes: number;
  /** Shared strings (Excel's table of distinct cell texts), and their characters together. */
  maxSharedStrings: number;
  maxSharedStringChars: number;
  /** Excel's own limits: rows and columns of a sheet, characters in a cell. */
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxInflatedBytes: 1024 * 1024 * 1024,
  maxSharedStrings: 2_000_000,
  maxSharedStringChars: 64 * 1024 * 1024,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxCellChars: 32_767,
};

/** An XLSX that cannot be read (tooLarge: one past a bound), with the sheet row when there is one. */
export class XlsxError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
    readonly row?: number,
  ) {
    super(message);
  }
}

export interface XlsxRow {
  /** The row number in the sheet. */
  line: number;
  /** Cell texts by column (A = 0), trimmed; empty cells are ''. */
  values: string[];
}

/** XML parts are no deeper than a handful of levels; deeper ones are refused early (saxes' cost grows with depth). */
const MAX_DEPTH = 32;

export async function* readXlsxRows(path: string, limits: XlsxLimits = XLSX_LIMITS, onRead?: (bytes: number) => void): AsyncGenerator<XlsxRow[]> {
  try {
    const entries = await readZipDirectory(path);
    const budget: InflateBudget = { remaining: limits.maxInflatedBytes, total: limits.maxInflatedBytes };
    const part = (name: string) => entries.get(name);
    const workbook = part('xl/workbook.xml');
    if (!workbook) throw new XlsxError('it holds no workbook (xl/workbook.xml)');
    const { sheetRelId } = await firstSheet(path, workbook, budget);
    const rels = part('xl/_rels/workbook.xml.rels');
    const targets = rels ? await relationships(path, rels, budget) : new Map<string, { target: string; type: string }>();
    const sheetTarget = sheetRelId ? targets.get(sheetRelId)?.target : undefined;
    const sheet = (sheetTarget && part(partName(sheetTarget))) || part('xl/worksheets/sheet1.xml');
    if (!sheet) throw new XlsxError('it holds no worksheet');
    const stringsTarget = [...targets.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target;
    const stringsPart = (stringsTarget && part(partName(stringsTarget))) || part('xl/sharedStrings.xml');
    const strings = stringsPart ? await sharedStrings(path, stringsPart, budget, limits) : [];
    yield* sheetRows(path, sheet, budget, limits, strings, onRead);
  } catch (e) {
    if (e instanceof ZipError) throw new XlsxError(e.message, e.tooLarge);
    throw e;
  }
}

/** A relationship target as a zip entry name ("worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml"). */
function partName(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/**
 * Parses one part as a stream: `handlers` see each element and text; the caller's `drain`
 * yields what the handlers collected after every chunk. Malformed XML, a DOCTYPE and depth
 * past MAX_DEPTH are refused.
 */
async function* parsePart(
  path: string,
  entry: ZipEntry,
  budget: InflateBudget,
  handlers: { open?: (tag: SaxesTag) => void; close?: (name: string) => void; text?: (text: string) => void },
  onRead?: (bytes: number) => void,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  let failure: Error | undefined;
  const stop = (e: Error): never => {
    failure ??= e;
    throw failure;
  };
  parser.on('doctype', () => stop(new XlsxError(`${entry.name} has a DOCTYPE, which an XLSX never needs`)));
  parser.on('error', (e) => stop(new XlsxError(`${entry.name} is not well-formed XML (${e.message})`)));
  parser.on('opentag', (tag) => {
    if (++depth > MAX_DEPTH) stop(new XlsxError(`${entry.name} nests deeper than ${MAX_DEPTH} elements`));
    handlers.open?.(tag);
  });
  parser.on('closetag', (tag) => {
    depth--;
    handlers.close?.(localName(tag.name));
  });
  if (handlers.text) parser.on('text', handlers.text);
  const decoder = new TextDecoder('utf-8');
  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (e) {
      throw failure ?? e;
    }
  };
  for await (const chunk of entryChunks(path, entry, budget, onRead)) {
    write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  write(decoder.decode());
  try {
    parser.close();
  } catch (e) {
    throw failure ?? e;
  }
  yield;
}

async function firstSheet(path: string, entry: ZipEntry, budget: InflateBudget): Promise<{ sheetRelId?: string }> {
  let sheetRelId: string | undefined;
  let found = false;
  for await (const _ of parsePart(path, entry, budget, {
    open: (tag) => {
      if (found || localName(tag.name) !== 'sheet') return;
      found = true;
      const id = Object.entries(tag.attributes).find(([k]) => k.includes(':') && localName(k) === 'id');
      sheetRelId = id?.[1] as string | undefined;
    },
  }));
  return { sheetRelId };
}

async function relationships(path: string, entry: ZipEntry, budget: InflateBudget): Promise<Map<string, { target: string; type: string }>> {
  const rels = new Map<string, { target: string; type: string }>();
  for await (const _ of parsePart(path, entry, budget, {
    open: (tag) => {
      const a = tag.attributes as Record<string, string>;
      if (localName(tag.name) === 'Relationship' && a.Id && a.Target) rels.set(a.Id, { target: a.Target, type: a.Type ?? '' });
    },
  }));
  return rels;
}

/** The shared strings table; the text of a rich string is its runs' texts joined (phonetic runs left out). */
async function sharedStrings(path: string, entry: ZipEntry, budget: InflateBudget, limits: XlsxLimits): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let current: string | undefined;
  let inText = false;
  let inPhonetic = 0;
  const tooLarge = (what: string) => new XlsxError(`its shared strings hold more than ${what}, the most an XLSX upload may hold (save large catalogues as CSV)`, true);
  for await (const _ of parsePart(path, entry, budget, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings) throw tooLarge(`${limits.maxSharedStrings} strings`);
        current = '';
      } else if (name === 'rPh') inPhonetic++;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    close: (name) => {
      if (name === 'si' && current !== undefined) {
        strings.push(current);
        current = undefined;
      } else if (name === 'rPh') inPhonetic--;
      else if (name === 't') inText = false;
    },
    text: (text) => {
      if (!inText || current === undefined) return;
      current += text;
      chars += text.length;
      if (current.length > limits.maxCellChars) throw new XlsxError(`shared string ${strings.length} is longer than ${limits.maxCellChars} characters, the most a cell may hold`, true);
      if (chars > limits.maxSharedStringChars) throw tooLarge(`${limits.maxSharedStringChars} characters`);
    },
  }));
  return strings;
}

/** "BC12" → 55 (1-based column); undefined when the reference has no letters. */
function columnOf(ref: string): number | undefined {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > 1e6) break; // far past any bound; keep the number small
  }
  return i ? col : undefined;
}

async function* sheetRows(path: string, entry: ZipEntry, budget: InflateBudget, limits: XlsxLimits, strings: string[], onRead?: (bytes: number) => void): AsyncGenerator<XlsxRow[]> {
  let ready: XlsxRow[] = [];
  let rowNumber = 0;
  let values: string[] | undefined;
  let column = 0;
  let cellType = '';
  let cellText = '';
  let collecting = false; // inside <v>, or <t> of an inline string
  let inPhonetic = 0;
  const refuse = (message: string, tooLarge = false): never => {
    throw new XlsxError(message, tooLarge, rowNumber);
  };
  const cellValue = (): string => {
    switch (cellType) {
      case 's': {
        const index = Number(cellText);
        const s = Number.isInteger(index) ? strings[index] : undefined;
        if (s === undefined) refuse(`row ${rowNumber} refers to shared string "${cellText.slice(0, 20)}", which the file does not hold`);
        return s!.trim();
      }
      case 'b':
        return cellText === '1' ? 'true' : cellText === '0' ? 'false' : cellText.trim();
      case 'e':
        return ''; // an error value (#N/A, #DIV/0!)
      case 'd':
        return cellText.trim().slice(0, 10);
      case 'str':
      case 'inlineStr':
        return cellText.trim();
      default: {
        const text = cellText.trim();
        const n = Number(text);
        return text !== '' && Number.isFinite(n) ? String(n) : text;
      }
    }
  };
  const parts = parsePart(
    path,
    entry,
    budget,
    {
      open: (tag) => {
        const name = localName(tag.name);
        const a = tag.attributes as Record<string, string>;
        if (name === 'row') {
          const r = a.r !== undefined ? Number(a.r) : rowNumber + 1;
          if (!Number.isInteger(r) || r <= rowNumber) refuse(`row number "${a.r}" after row ${rowNumber} is out of order`);
          // Row numbers ascend, so this bounds the number of rows too.
          if (r > limits.maxRows) refuse(`the sheet has a row ${r}, past the ${limits.maxRows} rows a sheet may have`, true);
          rowNumber = r;
          values = [];
          column = 0;
        } else if (name === 'c' && values) {
          const c = a.r !== undefined ? columnOf(a.r) : column + 1;
          if (c === undefined || c <= column) refuse(`row ${rowNumber} has a cell reference "${a.r}" out of order`);
          if (c! > limits.maxColumns) refuse(`row ${rowNumber} has a cell in column ${c}, past the ${limits.maxColumns} columns a sheet may have`, true);
          column = c!;
          cellType = a.t ?? 'n';
          cellText = '';
        } else if (name === 'rPh') inPhonetic++;
        else if ((name === 'v' || (name === 't' && cellType === 'inlineStr')) && !inPhonetic) collecting = true;
      },
      close: (name) => {
        if (name === 'v' || name === 't') collecting = false;
        else if (name === 'rPh') inPhonetic--;
        else if (name === 'c' && values) {
          const value = cellValue();
          while (values.length < column - 1) values.push('');
          values[column - 1] = value;
        } else if (name === 'row' && values) {
          ready.push({ line: rowNumber, values });
          values = undefined;
        }
      },
      text: (text) => {
        if (!collecting) return;
        cellText += text;
        if (cellText.length > limits.maxCellChars) refuse(`row ${rowNumber} has a cell longer than ${limits.maxCellChars} characters, the most a cell may hold`, true);
      },
    },
    onRead,
  );
  for await (const _ of parts) {
    if (ready.length) {
      yield ready;
      ready = [];
    }
  }
}
