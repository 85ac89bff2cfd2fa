import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../src/platform/context/request-context';
import { allowGenericPlans, GENERIC_PLANS_IN_TRANSACTION, preparedQueryIn } from '../src/platform/database/prepared-query';
import { inTransaction } from '../src/platform/database/transaction';
import { startTestApp, TestApp } from './support/test-app';
import { PurchaseOrderRepository } from '../src/ordering/purchase-order.repository';

/**
 * The write paths' prepared statements (platform/database/prepared-query.ts): run on the
 * transaction's own connection, answered as manager.query answers, and planned once per
 * connection only where the transaction allows generic plans; the connection keeps the search's
 * force_custom_plan outside it.
 */
let t: TestApp;
let ds: DataSource;
beforeAll(async () => {
  t = await startTestApp();
  ds = t.app.get(DataSource);
  await t.sql('CREATE TABLE prepared_probe (id int PRIMARY KEY, n int NOT NULL)');
  await t.sql('INSERT INTO prepared_probe SELECT g, 0 FROM generate_series(1, 20) g');
});
afterAll(() => t?.close());

const tx = <T>(work: (m: EntityManager) => Promise<T>) => inTransaction(ds, new RequestContext(undefined, ds.manager), (c) => work(c.manager));
const SELECT = 'SELECT id, n FROM prepared_probe WHERE id = $1';
/** How this connection has planned the statement named for `sql` (absent: not prepared on it). */
const plans = async (m: EntityManager, sql: string) =>
  (await m.query(`SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1`, [sql]))[0] as { generic: number; custom: number } | undefined;

it('answers as manager.query does, an UPDATE with its rows and count, on the transaction’s connection', async () => {
  await tx(async (m) => {
    expect(await preparedQueryIn(m, SELECT, [3])).toEqual(await m.query(SELECT, [3]));
    const update = 'UPDATE prepared_probe SET n = n + 1 WHERE id = ANY($1::int[]) RETURNING id';
    const [rows, count] = await preparedQueryIn<[{ id: number }[], number]>(m, update, [[1, 2]]);
    expect(count).toBe(2);
    expect(rows.map((r) => r.id).sort()).toEqual([1, 2]);
    // Prepared on this connection: the transaction's own, which sees its uncommitted update.
    expect(await plans(m, update)).toBeDefined();
    expect(await preparedQueryIn(m, SELECT, [1])).toEqual([{ id: 1, n: 1 }]);
    throw new Error('roll back');
  }).catch((e: Error) => expect(e.message).toBe('roll back'));
  expect(await t.sql('SELECT sum(n)::int AS n FROM prepared_probe')).toEqual([{ n: 0 }]);
});

it('plans a statement once per connection only in a transaction that allows generic plans', async () => {
  const sql = 'SELECT n FROM prepared_probe WHERE id = $1 AND n >= $2';
  const runs = async (m: EntityManager) => {
    for (let i = 1; i <= 8; i++) await preparedQueryIn(m, sql, [i, 0]);
  };
  // The connection's default (data-source.ts, for the search): a custom plan on every call.
  const forced = await tx(async (m) => {
    const before = (await plans(m, sql)) ?? { generic: 0, custom: 0 };
    await runs(m);
    const after = await plans(m, sql);
    return { setting: (await m.query(`SELECT current_setting('plan_cache_mode') AS s`))[0].s, generic: after!.generic - before.generic, custom: after!.custom - before.custom };
  });
  expect(forced).toEqual({ setting: 'force_custom_plan', generic: 0, custom: 8 });

  // Allowed: once the connection has planned it five times, the generic plan is reused.
  const allowed = await tx(async (m) => {
    await allowGenericPlans(m);
    await runs(m);
    const after = await plans(m, sql);
    return { setting: (await m.query(`SELECT current_setting('plan_cache_mode') AS s`))[0].s, generic: after!.generic };
  });
  expect(allowed.setting).toBe('auto');
  expect(allowed.generic).toBeGreaterThan(0);

  // Only for that transaction: the connection is back to custom plans after it.
  const after = await tx(async (m) => (await m.query(`SELECT current_setting('plan_cache_mode') AS s`))[0].s);
  expect(after).toBe('force_custom_plan');
});

it('allows them from the select list of the transaction’s first statement', async () => {
  const setting = await tx(async (m) => {
    await m.query(`SELECT 1 AS one, ${GENERIC_PLANS_IN_TRANSACTION}`);
    return (await m.query(`SELECT current_setting('plan_cache_mode') AS s`))[0].s;
  });
  expect(setting).toBe('auto');
});

it('keeps working after a column is added while the service runs: the hot reads name their columns (a prepared SELECT * would fail)', async () => {
  const orders = t.app.get(PurchaseOrderRepository);
  const lock = () => inTransaction(ds, new RequestContext(undefined, ds.manager), (c) => orders.lockByOrderNo(c, 'NO-SUCH-ORDER'));
  const star = 'SELECT * FROM prepared_probe WHERE id = $1';
  // Sequential transactions take the pool's most recently released connection: the same one.
  for (let i = 0; i < 3; i++) {
    expect(await lock()).toBeNull();
    await tx((m) => preparedQueryIn(m, star, [1]));
  }
  await t.sql('ALTER TABLE purchase_order ADD COLUMN added_while_running int');
  await t.sql('ALTER TABLE prepared_probe ADD COLUMN added_while_running int');
  try {
    // What the named list avoids: PostgreSQL refuses a prepared statement whose result type changed.
    await expect(tx((m) => preparedQueryIn(m, star, [1]))).rejects.toThrow(/cached plan must not change result type/);
    for (let i = 0; i < 3; i++) expect(await lock()).toBeNull();
  } finally {
    await t.sql('ALTER TABLE purchase_order DROP COLUMN added_while_running');
    await t.sql('ALTER TABLE prepared_probe DROP COLUMN added_while_running');
  }
});
