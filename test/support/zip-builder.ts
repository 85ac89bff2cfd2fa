import { constants, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built zip: its deflated bytes and the size its headers declare. */
export interface BuiltEntry {
  name: string;
  deflated: Buffer;
  declaredSize: number;
}

/** Deflates a text or buffer, declaring its true size. */
export function entry(name: string, content: string | Buffer): BuiltEntry {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return { name, deflated: deflateRawSync(data), declaredSize: data.length };
}

/**
 * `before`, then `piece` repeated `times` times, then `after`, deflated without ever holding the
 * whole: each part is deflated once as blocks that end with a full flush (so nothing refers back
 * to what came before) and the piece's compressed bytes are repeated. A gigabyte of inflated
 * data costs a few hundred kilobytes and milliseconds. `declaredSize` may lie.
 */
export function repeatedEntry(name: string, piece: string, times: number, opts: { before?: string; after?: string; declaredSize?: number } = {}): BuiltEntry {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_FULL_FLUSH });
  const block = flushed(piece);
  const deflated = Buffer.concat([flushed(opts.before ?? ''), ...Array.from({ length: times }, () => block), deflateRawSync(Buffer.from(opts.after ?? ''))]);
  const trueSize = Buffer.byteLength(opts.before ?? '') + Buffer.byteLength(piece) * times + Buffer.byteLength(opts.after ?? '');
  return { name, deflated, declaredSize: opts.declaredSize ?? Math.min(trueSize, 0xffffffff) };
}

/** A zip (deflate, no CRC checked by Torg's reader, so CRCs are written as 0) of the entries. */
export function buildZip(entries: BuiltEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts around a worksheet that make a minimal XLSX. */
export function xlsxParts(): BuiltEntry[] {
  return [
    entry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    entry('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    entry(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
  ];
}

export const SHEET_OPEN = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`;
export const SHEET_CLOSE = '</sheetData></worksheet>';
export const STRINGS_OPEN = `<?xml version="1.0"?><sst xmlns="${MAIN}">`;
