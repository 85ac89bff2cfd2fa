import { describe, expect, it } from 'vitest';
import { reportOf } from './upload';

describe('the catalogue upload report', () => {
  it('reads a stored version', () => {
    const body = { version: { id: 12, versionNo: 3, status: 'DRAFT' }, lineCount: 120, problemCount: 0, problems: [] };
    expect(reportOf(201, body)).toEqual({
      kind: 'stored',
      versionId: 12,
      versionNo: 3,
      lineCount: 120,
      warnings: [],
      warningCount: 0,
      excluded: [],
      excludedCount: 0,
      awaitingUnspscCount: 0,
      suggestions: [],
    });
  });

  it('reads the warnings, the lines left out and the lines waiting for a code with their suggestions', () => {
    const body = {
      version: { id: 12, versionNo: 3 },
      lineCount: 118,
      excludedLineCount: 1,
      excluded: [{ line: 9, location: 'line 9', field: 'price', reason: 'must be a number', value: 'gratis' }],
      warningCount: 1,
      warnings: [{ line: 4, location: 'line 4', field: 'unspsc', code: 'UNSPSC_NEAREST_LEVEL', message: 'read as 14111500' }],
      awaitingUnspscCount: 1,
      unspscSuggestions: [{ line: 11, sellerItemId: 'KL-9', name: 'Binders', givenCode: null, reason: 'no code', suggestions: [{ code: '44122107', title: 'Binders', level: 4, confidence: 0.61 }] }],
    };
    expect(reportOf(201, body)).toEqual({
      kind: 'stored',
      versionId: 12,
      versionNo: 3,
      lineCount: 118,
      excluded: [{ line: 9, location: 'line 9', field: 'price', reason: 'must be a number', value: 'gratis' }],
      excludedCount: 1,
      warnings: [{ line: 4, location: 'line 4', field: 'unspsc', code: 'UNSPSC_NEAREST_LEVEL', message: 'read as 14111500', value: null }],
      warningCount: 1,
      awaitingUnspscCount: 1,
      suggestions: [{ line: 11, sellerItemId: 'KL-9', name: 'Binders', givenCode: null, reason: 'no code', suggestions: [{ code: '44122107', title: 'Binders', confidence: 0.61 }] }],
    });
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
      problemCount: 2,
      warnings: [],
      warningCount: 0,
      suggestions: [],
    });
  });

  it("keeps the server's counts when it lists only the first problems and warnings", () => {
    const problems = [{ line: 2, location: 'line 2', field: 'price', reason: 'must be a number', value: 'x' }];
    const warnings = [{ line: 3, location: 'line 3', code: 'W', message: 'read as 1' }];
    const invalid = reportOf(422, { problemCount: 50000, problems, warningCount: 1200, warnings });
    expect(invalid).toMatchObject({ kind: 'invalid', problemCount: 50000, warningCount: 1200 });
    const stored = reportOf(201, { version: { id: 1, versionNo: 1 }, excludedLineCount: 4000, excluded: problems, warningCount: 7, warnings });
    expect(stored).toMatchObject({ kind: 'stored', excludedCount: 4000, warningCount: 7 });
    // A count below what is listed (or none) is not believed: the list is the floor.
    expect(reportOf(422, { problemCount: 0, problems })).toMatchObject({ problemCount: 1, warningCount: 0 });
  });

  it('says why a file was refused before reading, and when to try again', () => {
    expect(reportOf(429, { message: 'Too many uploads', retryAfterSeconds: 5 })).toEqual({ kind: 'refused', status: 429, message: 'Too many uploads', retryAfterSeconds: 5 });
    expect(reportOf(502, null)).toEqual({ kind: 'refused', status: 502, message: '', retryAfterSeconds: null });
  });
});
