import Papa from 'papaparse';

/** One data row of a tabular file: its cell texts (trimmed) and its 1-based line number in the file. */
export interface TabularRow {
  line: number;
  values: string[];
}

/** A CSV file that cannot be read as rows: the line where the trouble starts and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/**
 * A record longer than this is refused: in practice it is a quote that is never closed, which
 * would otherwise make every following chunk part of one ever-growing record.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * Turns a CSV text arriving in chunks into rows numbered by the line they start on. Papa Parse's
 * low-level parser does the quoting (several times faster than csv-parse on catalogue lines);
 * this class keeps the incomplete last record of each chunk for the next one, counts
 * lines (quoted line breaks included), skips empty lines, trims cells, and refuses broken
 * quoting and rows whose cell count differs from the first row's, naming the line. The line
 * break and, unless given, the delimiter are read off the first line.
 */
export class CsvChunks {
  private parser?: Papa.Parser;
  private pending = '';
  private nextLine = 1;
  private width?: number;
  private first = true;

  /** `delimiter`: as given, or (undefined) chosen from the header line. */
  constructor(private readonly delimiter?: string) {}

  /** The complete rows of this chunk and what was left over from the previous one. */
  push(chunk: string): TabularRow[] {
    if (this.first) {
      chunk = chunk.replace(/^\ufeff/, '');
      this.first = false;
    }
    this.pending += chunk;
    return this.take(false);
  }

  /** The rows of what is left at the end of the file. */
  end(): TabularRow[] {
    return this.take(true);
  }

  private take(final: boolean): TabularRow[] {
    const text = this.pending;
    if (!text) return [];
    if (!this.parser) {
      // The line break and the delimiter are chosen from the first line, so wait until it has
      // arrived (a CR at the very end may be the first half of a CRLF).
      const lf = text.indexOf('\n');
      const cr = text.indexOf('\r');
      if (!final && lf === -1 && (cr === -1 || cr === text.length - 1)) {
        this.refuseEndlessRecord();
        return [];
      }
      this.parser = new Papa.Parser({ delimiter: this.delimiter ?? delimiterOf(text), newline: lineBreakOf(text), quoteChar: '"' });
    }
    const result: Papa.ParseResult<string[]> = this.parser.parse(text, 0, !final);
    const consumed = final ? text.length : result.meta.cursor;
    this.pending = text.slice(consumed);
    this.refuseEndlessRecord();
    // Rows after the last complete one are re-read with the next chunk, and so are their errors.
    const errorAt = new Map<number, string>();
    for (const e of result.errors) if (e.row !== undefined && e.row < result.data.length && !errorAt.has(e.row)) errorAt.set(e.row, quoteProblem(e.code));
    // Without a quote in the text no cell can hold a line break, so line counting is a plain increment.
    const firstQuote = text.indexOf('"');
    const quoted = firstQuote !== -1 && firstQuote < consumed;
    const newline = result.meta.linebreak === '\r' ? '\r' : '\n';
    const rows: TabularRow[] = [];
    const data = result.data;
    for (let r = 0; r < data.length; r++) {
      const values = data[r];
      const line = this.nextLine;
      let breaks = 0;
      if (quoted) for (const v of values) for (let i = v.indexOf(newline); i !== -1; i = v.indexOf(newline, i + 1)) breaks++;
      this.nextLine += 1 + breaks;
      const problem = errorAt.get(r);
      if (problem) throw new CsvSyntaxError(line, problem);
      if (values.length === 1 && values[0].trim() === '') continue; // an empty line
      for (let i = 0; i < values.length; i++) values[i] = values[i].trim();
      this.width ??= values.length;
      if (values.length !== this.width) throw new CsvSyntaxError(line, `${values.length} cells where the first row has ${this.width}`);
      rows.push({ line, values });
    }
    return rows;
  }

  private refuseEndlessRecord() {
    if (this.pending.length > MAX_RECORD_CHARS) {
      throw new CsvSyntaxError(this.nextLine, `a record runs over ${MAX_RECORD_CHARS / 1024 / 1024} MB; most likely a quote (") that is never closed`);
    }
  }
}

/** The file's line break, from the first one in its text (as spreadsheet programs write one kind per file). */
function lineBreakOf(text: string): '\n' | '\r\n' | '\r' {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf === -1 && text.includes('\r')) return '\r';
  return '\n';
}

/** Semicolon when the header line has more of them than commas (Excel in Norway writes semicolons), else comma. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split(/\r\n|\n|\r/, 1)[0];
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function quoteProblem(code: string): string {
  if (code === 'MissingQuotes') return 'a quoted cell is never closed (a " without its closing ")';
  if (code === 'InvalidQuotes') return 'text follows the closing quote of a quoted cell (write a " inside quotes as "")';
  return `the CSV cannot be read (${code})`;
}
