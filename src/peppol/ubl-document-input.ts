import { Readable } from 'node:stream';
import { readUblRecords, UBL_LIMITS, UblDocumentShape, UblError, UblLimits } from './ubl-xml-reader';
import { UblNode } from './xml-element';

/**
 * A whole UBL document read into memory (an Order, Order Response or Despatch Advice, which a
 * service applies as one), over the streaming reader: the same DOCTYPE refusal, encodings and
 * per-record bounds, plus bounds on the whole, since the whole is kept.
 */

/** A received document: the body as bytes, or a stream of them. */
export type UblInput = Buffer | Readable;

export interface UblDocumentLimits extends UblLimits {
  /** Bytes of the whole document. */
  maxBytes: number;
  /** Lines (records) of the whole document. */
  maxRecords: number;
}

/** Orders and their answers are small: ten thousand lines and 20 MiB are far above any real one. */
export const UBL_DOCUMENT_LIMITS: UblDocumentLimits = { ...UBL_LIMITS, maxBytes: 20 * 1024 * 1024, maxRecords: 10_000 };

/** Header fields under a stand-in root (paths /OrderResponse/cbc:ID), and the records as /OrderResponse/cac:OrderLine[n]. */
export interface UblDocumentNodes<S extends UblDocumentShape = UblDocumentShape> {
  header: UblNode;
  records: UblNode[];
  /** The shape the root matched (one of several given: an Invoice or a CreditNote). */
  shape: S;
}

const CHUNK = 64 * 1024;

/**
 * The input as a stream that fails with a UblError past `maxBytes`. A buffer is handed over in
 * chunks, so a reader that stops early (identification) parses no more than it needs.
 */
export function boundedStream(input: UblInput, maxBytes: number): Readable {
  async function* bounded() {
    let total = 0;
    try {
      const chunks: AsyncIterable<Buffer> | Iterable<Buffer> = Buffer.isBuffer(input) ? slices(input) : input;
      for await (const chunk of chunks) {
        total += chunk.length;
        if (total > maxBytes) throw new UblError(`The document is larger than ${maxBytes} bytes, the most accepted`, undefined, true);
        yield chunk;
      }
    } finally {
      if (!Buffer.isBuffer(input)) input.destroy();
    }
  }
  return Readable.from(bounded(), { objectMode: false });
}

function* slices(buffer: Buffer): Generator<Buffer> {
  for (let at = 0; at < buffer.length; at += CHUNK) yield buffer.subarray(at, at + CHUNK);
}

/**
 * Reads the whole document of that shape, or of whichever of several shapes its root element
 * names; throws UblError for anything refused. `onHeader` sees the header as soon as it is read,
 * before any record: a UblError it throws refuses the document before the rest is read.
 */
export async function readUblDocument<S extends UblDocumentShape>(
  input: UblInput,
  shapes: S | readonly S[],
  limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS,
  onHeader?: (header: UblNode, shape: S) => void,
): Promise<UblDocumentNodes<S>> {
  let header: UblNode | undefined;
  const records: UblNode[] = [];
  let shape: S = 'root' in shapes ? shapes : shapes[0];
  let rootPath = `/${shape.root}`;
  for await (const event of readUblRecords(boundedStream(input, limits.maxBytes), shapes, limits)) {
    if (event.type === 'encoding') continue; // never: these documents refuse misdeclared UTF-8
    if (event.type === 'header') {
      shape = event.shape as S;
      rootPath = `/${shape.root}`;
      header = new UblNode({ name: shape.root, attrs: {}, text: '', children: event.elements, line: event.elements[0]?.line ?? 1 }, rootPath);
      onHeader?.(header, shape);
    } else {
      if (event.ordinal > limits.maxRecords) throw new UblError(`The ${shape.root} holds more than ${limits.maxRecords} ${shape.record} elements, the most accepted`, event.element.line, true);
      records.push(new UblNode(event.element, `${rootPath}/cac:${shape.record}[${event.ordinal}]`));
    }
  }
  return { header: header!, records, shape };
}
