import { together } from './before-commit';

describe('together (deferred batches in one statement)', () => {
  it('leaves one statement as it is', () => {
    const one = { sql: 'INSERT INTO a (x) SELECT * FROM unnest($1::int[])', params: [[1, 2]] };
    expect(together([one])).toBe(one);
  });

  it('makes several a WITH query of data-modifying statements, the later ones’ parameters numbered after the earlier ones’', () => {
    const joined = together([
      { sql: 'INSERT INTO a (x, y) SELECT * FROM unnest($1::int[], $2::text[])', params: [[1], ['p']] },
      { sql: 'INSERT INTO b (x) SELECT * FROM unnest($1::int[]) WHERE $1 IS NOT NULL', params: [[3]] },
      { sql: 'INSERT INTO c (x, y, z) SELECT * FROM unnest($1::int[], $2::int[], $3::text[])', params: [[4], [5], ['q']] },
    ]);
    expect(joined.sql).toBe(
      'WITH w0 AS (INSERT INTO a (x, y) SELECT * FROM unnest($1::int[], $2::text[])), ' +
        'w1 AS (INSERT INTO b (x) SELECT * FROM unnest($3::int[]) WHERE $3 IS NOT NULL), ' +
        'w2 AS (INSERT INTO c (x, y, z) SELECT * FROM unnest($4::int[], $5::int[], $6::text[])) SELECT 1',
    );
    expect(joined.params).toEqual([[1], ['p'], [3], [4], [5], ['q']]);
  });
});
