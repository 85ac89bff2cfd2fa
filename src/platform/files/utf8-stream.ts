import { isUtf8 } from 'node:buffer';

/** Bytes that are not UTF-8, and where the first one sits (1-based line, 1-based byte within the line). */
export class InvalidUtf8Error extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly byte: number | undefined,
  ) {
    super(
      byte === undefined
        ? `the file ends in the middle of a UTF-8 character (line ${line})`
        : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at line ${line}, byte ${column} of the line, is not UTF-8 ` +
            '(the file is most likely ISO-8859-1 or Windows-1252: save it as UTF-8)',
    );
  }
}

/**
 * Decodes UTF-8 arriving in chunks and refuses the first byte that is not UTF-8, naming its
 * line, instead of turning it into U+FFFD as Buffer#toString does. The check is Node's native
 * `isUtf8`; only a file that fails it is walked byte by byte to find the culprit. A character
 * split between two chunks is carried to the next one.
 */
export class Utf8Stream {
  private carry: Buffer = Buffer.alloc(0);
  /** Line breaks (LF) in the bytes decoded so far, and the offset just after the last one. */
  private lines: number;
  private consumed = 0;
  private lineStart = 0;

  /** `firstLine`: the line the first byte given sits on (a stream taken over in the middle of a document). */
  constructor(firstLine = 1) {
    this.lines = firstLine - 1;
  }

  decode(chunk: Buffer): string {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = completeEnd(bytes);
    const whole = bytes.subarray(0, end);
    if (!isUtf8(whole)) this.fail(whole, firstInvalidUtf8(whole));
    this.carry = Buffer.from(bytes.subarray(end));
    this.countLines(whole);
    return whole.toString('utf8');
  }

  /** Call at the end of the input: a character cut short there is refused too. */
  end(): void {
    if (this.carry.length) this.fail(this.carry, 0, true);
  }

  private countLines(bytes: Buffer) {
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
      this.lines++;
      this.lineStart = this.consumed + i + 1;
    }
    this.consumed += bytes.length;
  }

  private fail(bytes: Buffer, at: number, truncated = false): never {
    this.countLines(bytes.subarray(0, at));
    const column = this.consumed - this.lineStart + 1;
    throw new InvalidUtf8Error(this.lines + 1, column, truncated ? undefined : bytes[at]);
  }
}

/** Where the last complete character ends: a lead byte among the last three whose sequence is cut off starts the carry. */
function completeEnd(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** The offset of the first byte that does not start a well-formed UTF-8 character (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    if (i + need >= n) return i; // cut short
    const second = bytes[i + 1];
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * The UTF-16 variant a text starts in, from its byte-order mark or, without one, from NUL bytes
 * interleaved with ASCII (what "Unicode text" from Excel looks like); undefined for anything else.
 */
export function utf16Of(head: Buffer): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'UTF-16LE';
  if (head[0] === 0xfe && head[1] === 0xff) return 'UTF-16BE';
  const pairs = Math.min(head.length, 512) >> 1;
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let p = 0; p < pairs; p++) {
    if (head[2 * p] === 0 && head[2 * p + 1] !== 0) evenNul++;
    if (head[2 * p + 1] === 0 && head[2 * p] !== 0) oddNul++;
  }
  if (oddNul > pairs / 2) return 'UTF-16LE';
  if (evenNul > pairs / 2) return 'UTF-16BE';
  return undefined;
}
