import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine clients (identity/): a supplier's (later a buyer's) system that calls Torg with OAuth2
 * client-credentials tokens from the OIDC issuer. A client id names at most one active client;
 * a revoked registration stays (who registered and revoked it, and when) and the id may be
 * registered afresh. Audit events name the machine client that acted, beside the user column.
 */
export class MachineClients1763800000040 implements MigrationInterface {
  name = 'MachineClients1763800000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE machine_client (
        id               serial PRIMARY KEY,
        client_id        text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 255),
        organisation_id  int NOT NULL REFERENCES organisation(id),
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        roles            text[] NOT NULL CHECK (cardinality(roles) > 0),
        created_by       int REFERENCES app_user(id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        revoked_at       timestamptz,
        revoked_by       int REFERENCES app_user(id)
      )`);
    await q.query(`CREATE UNIQUE INDEX machine_client_active_client_id ON machine_client (client_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX machine_client_organisation ON machine_client (organisation_id)`);
    await q.query(`ALTER TABLE audit_event ADD COLUMN actor_client_id int`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event DROP COLUMN actor_client_id`);
    await q.query(`DROP TABLE machine_client`);
  }
}
