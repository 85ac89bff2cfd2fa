import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Rows as PostgreSQL returned them (selected by entityColumns: column names) as entities, each
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

const columnLists = new Map<unknown, string>();
/**
 * The entity's columns as a select list (`"id", "order_no", …`), for the plain SQL entitiesOf
 * reads. Named rather than `*`: a prepared statement's result type is fixed when it is first
 * parsed, so after a column is added (a migration while the service runs) a prepared `SELECT *`
 * or `RETURNING *` fails on every connection that prepared it; a named list keeps its type.
 */
export function entityColumns<T extends ObjectLiteral>(manager: EntityManager, target: new () => T): string {
  let list = columnLists.get(target);
  if (list === undefined) {
    list = manager.connection
      .getMetadata(target)
      .columns.map((c) => `"${c.databaseName}"`)
      .join(', ');
    columnLists.set(target, list);
  }
  return list;
}
