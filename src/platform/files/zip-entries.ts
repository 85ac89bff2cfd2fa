import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * Reads entries of a zip file on disk (an XLSX) without unpacking it anywhere: the central
 * directory says where each entry lies, and an entry is inflated as a stream, counted as it
 * comes out. What is inflated never exceeds the size the directory declares for the entry, nor
 * a budget for the whole file, so a zip bomb is refused before it costs memory, disk or time.
 */

/** A zip that cannot be read, or (tooLarge) one that would inflate past its bounds. */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  /** The inflated size the central directory declares. */
  size: number;
  localHeaderOffset: number;
}

/** Bytes the entries read from one file may inflate to, together; shared by every entryChunks call. */
export interface InflateBudget {
  remaining: number;
  readonly total: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** An XLSX has tens of entries; a directory larger than this is not one. */
const MAX_ENTRIES = 10_000;

/** The entries of the zip at `path`, by name. */
export async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff); // the end record, after a comment of at most 64 KiB
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) throw new ZipError('it is not a zip file (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw new ZipError('it is a ZIP64 archive, which an XLSX of this size does not need');
    if (count > MAX_ENTRIES) throw new ZipError(`it holds ${count} entries; an XLSX holds tens`);
    if (dirOffset + dirSize > size) throw new ZipError('its central directory lies outside the file (truncated?)');
    const dir = Buffer.alloc(dirSize);
    await file.read(dir, 0, dirSize, dirOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > dirSize || dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new ZipError('its central directory is damaged');
      const nameLength = dir.readUInt16LE(p + 28);
      const entry: ZipEntry = {
        flags: dir.readUInt16LE(p + 8),
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
        localHeaderOffset: dir.readUInt32LE(p + 42),
      };
      entries.set(entry.name, entry);
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    await file.close();
  }
}

/**
 * The inflated bytes of one entry, in chunks. Refuses (tooLarge) an entry whose declared size
 * does not fit the budget before reading it, and one that inflates past its declared size as
 * soon as it does.
 */
export async function* entryChunks(path: string, entry: ZipEntry, budget: InflateBudget, onRead?: (bytes: number) => void): AsyncGenerator<Buffer> {
  if (entry.flags & 1) throw new ZipError(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name} is compressed with method ${entry.method}, not deflate`);
  if (entry.size > budget.remaining) {
    throw new ZipError(`it would inflate to more than ${budget.total} bytes (${entry.name} alone declares ${entry.size}), the most an XLSX upload may hold`, true);
  }
  const start = await dataStart(path, entry);
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
  if (onRead) raw.on('data', (c) => onRead(c.length));
  const inflated = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  raw.on('error', (e) => inflated.destroy(e));
  let produced = 0;
  try {
    for await (const chunk of inflated as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > entry.size) throw new ZipError(`${entry.name} inflates to more than the ${entry.size} bytes it declares (a zip bomb?)`, true);
      budget.remaining -= chunk.length;
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`${entry.name} cannot be inflated (${(e as Error).message})`);
  } finally {
    raw.destroy();
    inflated.destroy();
  }
}

/** Where the entry's data starts: after its local header, whose name and extra field lengths may differ from the directory's. */
async function dataStart(path: string, entry: ZipEntry): Promise<number> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(30);
    const { bytesRead } = await file.read(header, 0, 30, entry.localHeaderOffset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipError(`the local header of ${entry.name} is damaged`);
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await file.close();
  }
}
