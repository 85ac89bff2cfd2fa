import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { GeneralOutbox1763800000014 } from '../migrations/1763800000014-GeneralOutbox';
import { createTestDatabase } from './support/test-app';

/** A database migrated up to (and without) the general outbox, as an installation of before it is. */
async function migratedBefore(url: string): Promise<DataSource> {
  const upTo = MIGRATIONS.indexOf(GeneralOutbox1763800000014);
  const ds = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS.slice(0, upTo), migrationsTableName: 'torg_migrations' });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

describe('migration to the general outbox', () => {
  it('moves the undelivered search_outbox rows over, with their attempts, error and due time, and drops search_outbox; down moves them back', async () => {
    const ds = await migratedBefore(await createTestDatabase());
    try {
      await ds.query(`
        INSERT INTO search_outbox (agreement_id, version_id, attempts, last_error, available_at, processed_at) VALUES
          (7, 70, 0, NULL, '2026-01-01T10:00:00Z', '2026-01-01T10:00:01Z'),
          (7, 71, 3, 'engine away', '2026-01-01T11:00:00Z', NULL),
          (8, NULL, 0, NULL, '2026-01-01T12:00:00Z', NULL)`);
      const runner = ds.createQueryRunner();
      try {
        await new GeneralOutbox1763800000014().up(runner);
        expect(await ds.query(`SELECT to_regclass('search_outbox') AS t`)).toEqual([{ t: null }]);
        const moved = await ds.query(`SELECT topic, key, payload, state, attempts, last_error, next_attempt_at FROM outbox_message ORDER BY id`);
        expect(moved).toEqual([
          {
            topic: 'search.catalogue-changed',
            key: '7',
            payload: { agreementId: 7, versionId: 71 },
            state: 'pending',
            attempts: 3,
            last_error: 'engine away',
            next_attempt_at: new Date('2026-01-01T11:00:00Z'),
          },
          {
            topic: 'search.catalogue-changed',
            key: '8',
            payload: { agreementId: 8, versionId: null },
            state: 'pending',
            attempts: 0,
            last_error: null,
            next_attempt_at: new Date('2026-01-01T12:00:00Z'),
          },
        ]);
        await new GeneralOutbox1763800000014().down(runner);
        expect(await ds.query(`SELECT to_regclass('outbox_message') AS t`)).toEqual([{ t: null }]);
        expect(await ds.query('SELECT agreement_id, version_id, attempts, last_error, processed_at FROM search_outbox ORDER BY id')).toEqual([
          { agreement_id: 7, version_id: 71, attempts: 3, last_error: 'engine away', processed_at: null },
          { agreement_id: 8, version_id: null, attempts: 0, last_error: null, processed_at: null },
        ]);
      } finally {
        await runner.release();
      }
    } finally {
      await ds.destroy();
    }
  });
});
