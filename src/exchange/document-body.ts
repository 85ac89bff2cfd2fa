import type { Request } from 'express';
import { badInput, DomainError } from '../platform/errors/domain-error';

/** XML media types a document may be posted as (`application/xml`, `text/xml`, `application/<x>+xml`). */
const XML_TYPE = /^(?:application|text)\/(?:[\w.-]+\+)?xml$/;

export const mediaTypeOf = (req: Request): string => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
export const isXmlBody = (req: Request): boolean => XML_TYPE.test(mediaTypeOf(req));
export const isMultipartBody = (req: Request): boolean => mediaTypeOf(req) === 'multipart/form-data';

export function tooLarge(maxBytes: number): DomainError {
  return new DomainError(
    'PAYLOAD_TOO_LARGE',
    `The document is larger than the ${maxBytes.toLocaleString('en-US')} bytes (${(maxBytes / 2 ** 20).toFixed(1)} MiB) Torg accepts (DOCUMENT_MAX_BYTES); nothing was stored`,
    { maxBytes },
  );
}

export function unsupportedMediaType(req: Request): DomainError {
  const type = mediaTypeOf(req);
  return new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    `${type ? `Content-Type ${JSON.stringify(type)} is not a document` : 'The request has no Content-Type'}: send the UBL document as application/xml (or text/xml), or as multipart/form-data in a field named "file"`,
  );
}

/**
 * A request's declared length beyond the bound is refused before any of it is read (multipart
 * adds its boundaries and headers, hence the allowance).
 */
export function refuseDeclaredLength(req: Request, maxBytes: number): void {
  const declared = Number(req.headers['content-length']);
  const allowance = isMultipartBody(req) ? 64 * 1024 : 0;
  if (Number.isFinite(declared) && declared > maxBytes + allowance) throw tooLarge(maxBytes);
}

/**
 * Reads an XML body into memory, refusing it as soon as it passes `maxBytes` (a chunked body
 * declares no length). A body sent compressed is refused: a small gzip can expand a thousandfold.
 */
export async function readXmlBody(req: Request, maxBytes: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not accepted for documents: send the XML as it is`);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) return void chunks.push(chunk);
      // Stop collecting but keep reading (and discarding), so that the client, still sending,
      // gets the answer rather than a reset connection.
      req.removeListener('data', onData);
      req.on('data', () => undefined);
      chunks.length = 0;
      reject(tooLarge(maxBytes));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, total)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(badInput('The request was aborted before its body had arrived'));
    });
  });
}
