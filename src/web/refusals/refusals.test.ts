import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSchema } from 'graphql';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { placeholders, refusalText } from './refusal-text';
import { operationsIn, refusalSelections, refusalTypes } from './refusal-types';

const web = resolve(__dirname, '..');
const schema = buildSchema(readFileSync(resolve(web, '../schema.gql'), 'utf8'));
/** Every operation of the web app (not the generated gql/ folder, which repeats them, nor tests). */
const sourceFiles = (readdirSync(web, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('gql'));
const operationsOf = (file: string) => operationsIn(readFileSync(join(web, file), 'utf8'));
const operations = sourceFiles.flatMap(operationsOf);

/**
 * Operations that do not select a value their refusal's text needs (so the server's message is
 * shown instead), each with why it is allowed. None now: the catalogue version's submit, publish
 * and reject select their answer through one fragment (CatalogueVersionAnswer) that has them all.
 */
const KNOWN_GAPS: string[] = [];

describe('every refusal the web can receive has a text', () => {
  const received = refusalTypes(schema, operations);

  it('finds the refusals in the schema and the operations', () => {
    expect(operations.length).toBeGreaterThan(50);
    // Known members of unions the web selects (checkout, goods receipt, the portal's invoice):
    expect(received).toEqual(expect.arrayContaining(['BudgetExceededError', 'OverReceiptError', 'InvoiceFromOrderRefused', 'ItemNotOrderable']));
    // A success member is not a refusal.
    expect(received).not.toContain('CartSubmitted');
  });

  it.each(['nb', 'en'])('in %s', (lng) => {
    const missing = received.filter((type) => {
      const text: unknown = i18next.getResource(lng, 'translation', `refusal.${type}`);
      return typeof text !== 'string' || !text.trim();
    });
    expect(missing).toEqual([]);
  });

  it('with the same placeholders in both languages', () => {
    const differ = received.filter((type) => {
      const nb = placeholders(i18next.getResource('nb', 'translation', `refusal.${type}`) as string).sort();
      const en = placeholders(i18next.getResource('en', 'translation', `refusal.${type}`) as string).sort();
      return nb.join() !== en.join();
    });
    expect(differ).toEqual([]);
  });
});

describe("every operation selects the values its refusals' texts need", () => {
  it('or the text would fall back to the server’s message', () => {
    const gaps: string[] = [];
    for (const [operation, refusals] of refusalSelections(schema, operations))
      for (const [type, selected] of refusals) {
        const text = i18next.getResource('nb', 'translation', `refusal.${type}`) as string | undefined;
        // {{linesCount}} is the length of `lines`.
        const needed = placeholders(text ?? '').filter((p) => !selected.has(p) && !(p.endsWith('Count') && selected.has(p.slice(0, -'Count'.length))));
        needed.forEach((p) => gaps.push(`${operation} ${type} ${p}`));
      }
    expect(gaps.sort()).toEqual(KNOWN_GAPS);
  });
});

describe('refusalTypes', () => {
  const sdl = `
    interface ErrorResult { errorCode: String! message: String! }
    type Done { id: Int! }
    type Late implements ErrorResult { errorCode: String! message: String! }
    type Gone implements ErrorResult { errorCode: String! message: String! }
    type Unused implements ErrorResult { errorCode: String! message: String! }
    union DoResult = Done | Late
    union OtherResult = Done | Gone
    type Query { ok: Int }
    type Mutation { doIt: DoResult! other: OtherResult! }
  `;
  it('is the ErrorResult members of the unions the operations select, and only those', () => {
    expect(refusalTypes(sdl, ['mutation A { doIt { __typename } }'])).toEqual(['Late']);
    expect(refusalTypes(sdl, ['mutation A { doIt { __typename } }', 'mutation B { other { __typename } }'])).toEqual(['Gone', 'Late']);
  });
  it('reads the operations of a source file', () => {
    expect(operationsIn('const Q = graphql(`\n query Q { ok }\n`);\nconst R = graphql(` mutation R { doIt { __typename } } `);')).toEqual([
      '\n query Q { ok }\n',
      ' mutation R { doIt { __typename } } ',
    ]);
  });
});

describe('refusalText', () => {
  const t = i18next.getFixedT('nb');
  const budget = {
    __typename: 'BudgetExceededError',
    message: 'Budget exceeded for cost centre K100 in 2026',
    costCentreCode: 'K100',
    year: 2026,
    remaining: '1500.5',
    requested: '2000',
    currency: 'NOK',
  };

  it('says a refusal in bokmål with its values formatted', () => {
    const text = refusalText(budget, t);
    expect(text).toContain('Koststed K100 har 1');
    expect(text).toContain('500,50');
    expect(text).toContain('2026');
    expect(text).not.toContain('Budget exceeded');
  });

  it('in English when that is the language', () => {
    expect(refusalText(budget, i18next.getFixedT('en'))).toContain('Cost centre K100 has');
  });

  it('says statuses and lists in words', () => {
    expect(refusalText({ __typename: 'OrderStateError', message: 'Order is SENT', status: 'SENT' }, t)).toContain('«Sendt til leverandør»');
    expect(refusalText({ __typename: 'OverReceiptError', message: 'Over', lines: [{ lineId: '2' }, { lineId: '3' }] }, t)).toContain('linje 2, 3');
  });

  it("falls back to the server's message when a value is not there, or the refusal has no text", () => {
    expect(refusalText({ __typename: 'BudgetExceededError', message: 'Budget exceeded' }, t)).toBe('Budget exceeded');
    expect(refusalText({ __typename: 'BrandNewError', message: 'Something new' }, t)).toBe('Something new');
  });
});
