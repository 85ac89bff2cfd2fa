import { describe, expect, it } from 'vitest';
import { reportOf } from './upload';

describe('the catalogue upload report', () => {
  it('reads a stored version', () => {
    const body = { version: { id: 12, versionNo: 3, status: 'DRAFT' }, lineCount: 120, problemCount: 0, problems: [] };
    expect(reportOf(201, body)).toEqual({ kind: 'stored', versionId: 12, versionNo: 3, lineCount: 120 });
  });

  it('keeps every problem with its line, field, reason and value', () => {
    const body = {
      code: 'CATALOGUE_INVALID',
      problemCount: 2,
      problems: [
        { line: 7, location: 'line 7', field: 'vatRate', reason: 'must be a Norwegian VAT rate (25, 15, 12, 0 %)', value: '18' },
        { location: '/Catalogue/CatalogueLine[3]', reason: 'missing price' },
      ],
    };
    expect(reportOf(422, body)).toEqual({
      kind: 'invalid',
      problems: [
        { line: 7, location: 'line 7', field: 'vatRate', reason: 'must be a Norwegian VAT rate (25, 15, 12, 0 %)', value: '18' },
        { line: null, location: '/Catalogue/CatalogueLine[3]', field: null, reason: 'missing price', value: null },
      ],
    });
  });

  it('says why a file was refused before reading, and when to try again', () => {
    expect(reportOf(429, { message: 'Too many uploads', retryAfterSeconds: 5 })).toEqual({ kind: 'refused', status: 429, message: 'Too many uploads', retryAfterSeconds: 5 });
    expect(reportOf(502, null)).toEqual({ kind: 'refused', status: 502, message: '', retryAfterSeconds: null });
  });
});
