import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Document exchange (exchange/). `received_document`: every UBL document POST /documents
 * applied, once per sender organisation, type and document id (a resend is answered from here
 * and never applied twice), with its bytes for audit. `outbound_document`: every document sent
 * to a trading partner through the configured transport, with its delivery state; the outbox
 * message that delivers it carries its id.
 */
export class DocumentExchange1763800000060 implements MigrationInterface {
  name = 'DocumentExchange1763800000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE received_document (
        id                      bigserial PRIMARY KEY,
        sender_organisation_id  int NOT NULL REFERENCES organisation(id),
        document_type           text NOT NULL,
        document_id             text NOT NULL CHECK (length(document_id) BETWEEN 1 AND 200),
        customization_id        text NOT NULL,
        result_id               text NOT NULL,
        result_status           text NOT NULL,
        sent_by_user_id         int REFERENCES app_user(id),
        sent_by_client_id       int REFERENCES machine_client(id),
        received_at             timestamptz NOT NULL DEFAULT now(),
        size_bytes              int NOT NULL,
        sha256                  bytea NOT NULL,
        content                 bytea NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX received_document_once ON received_document (sender_organisation_id, document_type, document_id)`);
    await q.query(`
      CREATE TABLE outbound_document (
        id                 bigserial PRIMARY KEY,
        document_type      text NOT NULL,
        document_id        text NOT NULL,
        receiver_scheme    text NOT NULL,
        receiver_id        text NOT NULL,
        sender_scheme      text NOT NULL,
        sender_id          text NOT NULL,
        xml                text NOT NULL,
        ref_kind           text,
        ref_id             text,
        state              text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED', 'WITHDRAWN')),
        attempts           int NOT NULL DEFAULT 0,
        last_error         text,
        transport          text,
        transport_reference text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        sent_at            timestamptz
      )`);
    await q.query(`CREATE INDEX outbound_document_ref ON outbound_document (ref_kind, ref_id) WHERE ref_kind IS NOT NULL`);
    await q.query(`CREATE INDEX outbound_document_unsent ON outbound_document (state) WHERE state <> 'SENT'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbound_document`);
    await q.query(`DROP TABLE received_document`);
  }
}
