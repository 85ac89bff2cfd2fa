import { ErrorCode, errorCodeForStatus } from './domain-error';

/** What a REST client gets for a request whose body could not be read. */
export interface RequestBodyRefusal {
  status: number;
  code: ErrorCode | 'INTERNAL_SERVER_ERROR';
  message: string;
}

/** The fields body-parser (express.json) sets on its errors (they are http-errors). */
interface BodyParserError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  type?: unknown;
  limit?: unknown;
  length?: unknown;
  encoding?: unknown;
  charset?: unknown;
  message?: unknown;
}

const megabytes = (bytes: number) => `${+(bytes / 1024 / 1024).toFixed(2)} MB`;

/**
 * The answer to an error raised while reading a request body (express.json runs before Nest's
 * routing, so its errors reach the REST filter as plain http-errors, which became 500s): its
 * 4xx status with a message that says what was wrong, or null for anything else. An error
 * whose status is not a client error is never treated as one.
 */
export function requestBodyRefusal(exception: unknown, contentEncoding?: string): RequestBodyRefusal | null {
  if (!exception || typeof exception !== 'object') return null;
  const e = exception as BodyParserError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499 || e.expose === false) return null;
  const encoding = (contentEncoding ?? 'identity').toLowerCase();
  switch (e.type) {
    case 'entity.too.large':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is too large: at most ${typeof e.limit === 'number' ? megabytes(e.limit) : 'the limit'} is accepted${typeof e.length === 'number' ? ` (it has ${megabytes(e.length)})` : ''}`,
      };
    case 'encoding.unsupported':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `Content-Encoding "${typeof e.encoding === 'string' ? e.encoding : encoding}" is not supported: send the body as is, or as gzip, deflate or br`,
      };
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `charset "${typeof e.charset === 'string' ? e.charset : ''}" is not supported: send JSON as UTF-8` };
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_USER_INPUT', message: `The request body is not valid JSON: ${String(e.message)}` };
    case 'request.aborted':
      return { status: 400, code: 'BAD_USER_INPUT', message: 'The request was aborted before its body had arrived' };
    case 'request.size.invalid':
      return { status: 400, code: 'BAD_USER_INPUT', message: 'The request body is not as long as its Content-Length says' };
  }
  if (status === 400 && encoding !== 'identity') {
    return { status: 400, code: 'BAD_USER_INPUT', message: `The request body could not be decoded as ${encoding}, as its Content-Encoding says` };
  }
  return { status, code: errorCodeForStatus(status), message: typeof e.message === 'string' && e.message ? e.message : 'The request could not be read' };
}
