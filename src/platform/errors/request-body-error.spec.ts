import { requestBodyRefusal } from './request-body-error';

/** An error as body-parser raises it (http-errors: status, expose for client errors, type). */
const createError = (status: number, message: string | Error, props: Record<string, unknown> = {}) =>
  Object.assign(message instanceof Error ? message : new Error(message), { status, expose: status < 500, ...props });

describe('requestBodyRefusal', () => {
  it('answers a body over the limit with 413, saying the limit and the size', () => {
    const e = createError(413, 'request entity too large', { type: 'entity.too.large', limit: 1024 * 1024, length: 3 * 1024 * 1024 });
    expect(requestBodyRefusal(e)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large: at most 1 MB is accepted (it has 3 MB)' });
  });

  it('answers unknown content encodings and charsets with 415', () => {
    expect(requestBodyRefusal(createError(415, 'x', { type: 'encoding.unsupported', encoding: 'compress' }), 'compress')).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Content-Encoding "compress" is not supported: send the body as is, or as gzip, deflate or br',
    });
    expect(requestBodyRefusal(createError(415, 'x', { type: 'charset.unsupported', charset: 'koi8-r' }))?.message).toBe('charset "koi8-r" is not supported: send JSON as UTF-8');
  });

  it('answers a body that does not decode as its Content-Encoding with 400 naming the encoding', () => {
    expect(requestBodyRefusal(createError(400, new Error('incorrect header check')), 'GZIP')).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: 'The request body could not be decoded as gzip, as its Content-Encoding says',
    });
  });

  it('answers other client errors with their status and message', () => {
    expect(requestBodyRefusal(createError(400, 'bad', { type: 'entity.parse.failed' }))).toEqual({ status: 400, code: 'BAD_USER_INPUT', message: 'The request body is not valid JSON: bad' });
    expect(requestBodyRefusal(createError(400, 'x', { type: 'request.aborted' }))?.message).toBe('The request was aborted before its body had arrived');
    expect(requestBodyRefusal(createError(403, 'no'))).toEqual({ status: 403, code: 'FORBIDDEN', message: 'no' });
  });

  it('leaves everything else to be reported as an internal error', () => {
    expect(requestBodyRefusal(new Error('boom'))).toBeNull();
    expect(requestBodyRefusal(createError(500, 'boom'))).toBeNull();
    expect(requestBodyRefusal(Object.assign(new Error('x'), { status: 400, expose: false }))).toBeNull();
    expect(requestBodyRefusal('a string')).toBeNull();
    expect(requestBodyRefusal(null)).toBeNull();
  });
});
