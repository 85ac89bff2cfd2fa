import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Rows as PostgreSQL returned them (`SELECT *`, `RETURNING *`: column names) as entities, each
 * column converted as TypeORM converts what it reads. For hot paths that send plain SQL: a
 * TypeORM find builds its query and maps its aliases per call, which cost the service more than
 * the statement costs PostgreSQL (issue 16 §6a).
 */
export function entitiesOf<T extends ObjectLiteral>(manager: EntityManager, target: new () => T, rows: Record<string, unknown>[]): T[] {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  return rows.map((raw) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) column.setEntityValue(entity, driver.prepareHydratedValue(raw[column.databaseName], column));
    return entity;
  });
}
