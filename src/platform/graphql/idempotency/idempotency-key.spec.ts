import { isRetryableFailure, parseIdempotencyKey, requestFingerprint } from './idempotency-key';

describe('Idempotency-Key', () => {
  it('takes 1 to 200 visible ASCII characters', () => {
    expect(parseIdempotencyKey('a')).toEqual({ key: 'a' });
    expect(parseIdempotencyKey('0f8fad5b-d9cb-469f-a165-70867728950e')).toEqual({ key: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(parseIdempotencyKey('~!#$%&*+/=?^_`{|}')).toEqual({ key: '~!#$%&*+/=?^_`{|}' });
    expect(parseIdempotencyKey('x'.repeat(200))).toEqual({ key: 'x'.repeat(200) });
  });

  it('refuses an empty or too long key, spaces, control characters, non-ASCII and a header sent twice', () => {
    for (const bad of ['', 'x'.repeat(201), 'a b', 'a\tb', 'ключ', 'æøå', 'a\u007f', 'k1, k2']) {
      expect(parseIdempotencyKey(bad)).toEqual({ problem: expect.stringContaining('1 to 200 visible ASCII characters') });
    }
  });
});

describe('requestFingerprint', () => {
  const base = { document: 'mutation { a(x: 1) }', operationName: null, variables: { i: { code: '1', name: 'n' } }, organisationId: 7 };

  it('is the same for the same request, whatever the order of the variables’ keys', () => {
    expect(requestFingerprint(base)).toBe(requestFingerprint({ ...base, variables: { i: { name: 'n', code: '1' } } }));
    expect(requestFingerprint({ ...base, variables: undefined })).toBe(requestFingerprint({ ...base, variables: {} }));
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the document, a variable, the operation name or the organisation differs', () => {
    const fp = requestFingerprint(base);
    expect(requestFingerprint({ ...base, document: 'mutation { a(x: 2) }' })).not.toBe(fp);
    expect(requestFingerprint({ ...base, variables: { i: { code: '2', name: 'n' } } })).not.toBe(fp);
    expect(requestFingerprint({ ...base, variables: { i: { code: '1', name: 'n', extra: null } } })).not.toBe(fp);
    expect(requestFingerprint({ ...base, operationName: 'A' })).not.toBe(fp);
    expect(requestFingerprint({ ...base, organisationId: 8 })).not.toBe(fp);
    // Order in an array is meaning, not notation.
    expect(requestFingerprint({ ...base, variables: { l: [1, 2] } })).not.toBe(requestFingerprint({ ...base, variables: { l: [2, 1] } }));
  });
});

describe('isRetryableFailure', () => {
  it('is a 5xx status, or an unexpected, unavailable or try-again-later error inside a 200', () => {
    expect(isRetryableFailure(200, [{ extensions: { code: 'CONFLICT', retryAfterSeconds: 2 } }])).toBe(true);
    expect(isRetryableFailure(500, undefined)).toBe(true);
    expect(isRetryableFailure(503, [])).toBe(true);
    expect(isRetryableFailure(200, [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }])).toBe(true);
    expect(isRetryableFailure(200, [{ extensions: { code: 'FORBIDDEN' } }, { extensions: { code: 'SERVICE_UNAVAILABLE' } }])).toBe(true);
  });

  it('is not a success, a refusal of the input or the caller, or a result-union error', () => {
    expect(isRetryableFailure(200, undefined)).toBe(false);
    expect(isRetryableFailure(400, [{ extensions: { code: 'BAD_USER_INPUT' } }])).toBe(false);
    expect(isRetryableFailure(200, [{ extensions: { code: 'FORBIDDEN' } }, {}])).toBe(false);
    expect(isRetryableFailure(200, [{ extensions: { code: 'CONFLICT' } }])).toBe(false);
  });
});
