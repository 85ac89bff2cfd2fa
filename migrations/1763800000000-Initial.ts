import { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema: identity, UNSPSC, agreements, catalogues, audit, search projection. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    // unaccent() is only STABLE (it looks its dictionary up by search_path); naming the
    // dictionary makes it safe to declare IMMUTABLE for generated columns and indexes.
    await q.query(`
      CREATE FUNCTION torg_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    await q.query(`
      CREATE TABLE organisation (
        id            serial PRIMARY KEY,
        name          text NOT NULL,
        org_number    char(9) NOT NULL UNIQUE,
        kind          text NOT NULL CHECK (kind IN ('BUYER', 'PURCHASING_UNIT', 'SUPPLIER')),
        parent_id     int REFERENCES organisation(id),
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id               serial PRIMARY KEY,
        email            text NOT NULL UNIQUE CHECK (email = lower(email)),
        name             text NOT NULL,
        external_subject text UNIQUE,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE membership (
        id               serial PRIMARY KEY,
        user_id          int NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        organisation_id  int NOT NULL REFERENCES organisation(id),
        roles            text[] NOT NULL,
        UNIQUE (user_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE audit_event (
        id               bigserial PRIMARY KEY,
        occurred_at      timestamptz NOT NULL DEFAULT now(),
        actor_user_id    int,
        actor_org_id     int,
        request_id       text,
        action           text NOT NULL,
        entity_type      text NOT NULL,
        entity_id        text NOT NULL,
        data             jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id)`);

    await q.query(`
      CREATE TABLE unspsc_node (
        code         char(8) PRIMARY KEY CHECK (code ~ '^[0-9]{8}$'),
        level        smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        title        text NOT NULL,
        parent_code  char(8),
        version      text NOT NULL,
        deprecated   boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX unspsc_node_parent ON unspsc_node (parent_code)`);

    await q.query(`
      CREATE TABLE agreement (
        id                  serial PRIMARY KEY,
        purchasing_unit_id  int NOT NULL REFERENCES organisation(id),
        supplier_id         int NOT NULL REFERENCES organisation(id),
        reference           text NOT NULL,
        title               text NOT NULL,
        valid_from          date NOT NULL,
        valid_to            date NOT NULL,
        mandatory           boolean NOT NULL DEFAULT false,
        currency            char(3) NOT NULL DEFAULT 'NOK',
        created_at          timestamptz NOT NULL DEFAULT now(),
        UNIQUE (purchasing_unit_id, reference),
        CHECK (valid_to >= valid_from)
      )`);
    await q.query(`
      CREATE TABLE agreement_participant (
        agreement_id     int NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        organisation_id  int NOT NULL REFERENCES organisation(id),
        PRIMARY KEY (agreement_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX agreement_participant_org ON agreement_participant (organisation_id)`);
    await q.query(`
      CREATE TABLE agreement_scope (
        agreement_id  int NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        unspsc_code   char(8) NOT NULL REFERENCES unspsc_node(code),
        PRIMARY KEY (agreement_id, unspsc_code)
      )`);

    await q.query(`
      CREATE TABLE catalogue_version (
        id                serial PRIMARY KEY,
        agreement_id      int NOT NULL REFERENCES agreement(id),
        supplier_id       int NOT NULL REFERENCES organisation(id),
        version_no        int NOT NULL,
        status            text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'REJECTED', 'SUPERSEDED')),
        source_format     text NOT NULL,
        file_name         text,
        header_action     text NOT NULL DEFAULT 'Replace',
        document_id       text,
        based_on_id       int REFERENCES catalogue_version(id),
        item_count        int NOT NULL DEFAULT 0,
        created_by        int REFERENCES app_user(id),
        created_at        timestamptz NOT NULL DEFAULT now(),
        submitted_at      timestamptz,
        decided_by        int REFERENCES app_user(id),
        decided_at        timestamptz,
        rejection_reason  text,
        published_at      timestamptz,
        superseded_at     timestamptz,
        UNIQUE (agreement_id, version_no)
      )`);
    // At most one version of an agreement's catalogue is in force.
    await q.query(`CREATE UNIQUE INDEX catalogue_version_one_published ON catalogue_version (agreement_id) WHERE status = 'PUBLISHED'`);
    await q.query(`
      CREATE TABLE catalogue_item (
        id               bigserial PRIMARY KEY,
        version_id       int NOT NULL REFERENCES catalogue_version(id) ON DELETE CASCADE,
        line_no          int NOT NULL,
        seller_item_id   text NOT NULL,
        name             text NOT NULL,
        description      text,
        unspsc_code      char(8) NOT NULL REFERENCES unspsc_node(code),
        price            numeric(18,4) NOT NULL CHECK (price > 0),
        currency         char(3) NOT NULL,
        vat_rate         numeric(5,2) NOT NULL,
        unit_code        text NOT NULL,
        gtin             text,
        manufacturer     text,
        attributes       jsonb NOT NULL DEFAULT '{}',
        valid_from       date,
        valid_to         date,
        UNIQUE (version_id, seller_item_id)
      )`);
    await q.query(`CREATE INDEX catalogue_item_unspsc ON catalogue_item (unspsc_code)`);
    // Published versions never change: the database itself refuses edits to their items.
    await q.query(`
      CREATE FUNCTION torg_freeze_published_items() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM catalogue_version v WHERE v.id = OLD.version_id AND v.status IN ('PUBLISHED', 'SUPERSEDED')) THEN
          RAISE EXCEPTION 'items of a published catalogue version cannot change (version %)', OLD.version_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER catalogue_item_frozen BEFORE UPDATE OR DELETE ON catalogue_item FOR EACH ROW EXECUTE FUNCTION torg_freeze_published_items()`);

    await q.query(`
      CREATE TABLE search_outbox (
        id            bigserial PRIMARY KEY,
        agreement_id  int NOT NULL,
        version_id    int,
        created_at    timestamptz NOT NULL DEFAULT now(),
        attempts      int NOT NULL DEFAULT 0,
        last_error    text,
        available_at  timestamptz NOT NULL DEFAULT now(),
        processed_at  timestamptz
      )`);
    await q.query(`CREATE INDEX search_outbox_pending ON search_outbox (available_at) WHERE processed_at IS NULL`);

    // The PostgreSQL engine's projection: one row per item of a published version.
    await q.query(`
      CREATE TABLE search_item (
        item_id         bigint PRIMARY KEY,
        version_id      int NOT NULL,
        agreement_id    int NOT NULL,
        supplier_id     int NOT NULL,
        seller_item_id  text NOT NULL,
        name            text NOT NULL,
        description     text,
        unspsc_code     char(8) NOT NULL,
        segment_code    char(8) NOT NULL,
        family_code     char(8),          -- null when the item is classified at segment level
        class_code      char(8),          -- null when classified at segment or family level
        price           numeric(18,4) NOT NULL,
        currency        char(3) NOT NULL,
        vat_rate        numeric(5,2) NOT NULL,
        unit_code       text NOT NULL,
        gtin            text,
        manufacturer    text,
        attributes      jsonb NOT NULL DEFAULT '{}',
        attr_facets     text[] NOT NULL DEFAULT '{}',
        doc tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('norwegian'::regconfig, torg_unaccent(name)), 'A') ||
          -- item numbers also split at punctuation: the parser reads "KL-100" as "kl" and "-100"
          setweight(to_tsvector('simple'::regconfig, lower(seller_item_id) || ' ' || regexp_replace(lower(seller_item_id), '[^a-z0-9]+', ' ', 'g') || ' ' || coalesce(gtin, '') || ' ' || unspsc_code), 'A') ||
          setweight(to_tsvector('simple'::regconfig, torg_unaccent(name)), 'B') ||
          setweight(to_tsvector('norwegian'::regconfig, torg_unaccent(coalesce(manufacturer, '') || ' ' || coalesce(description, ''))), 'C') ||
          setweight(to_tsvector('simple'::regconfig, torg_unaccent(coalesce(manufacturer, '') || ' ' || coalesce(description, ''))), 'D')
        ) STORED
      )`);
    await q.query(`CREATE INDEX search_item_agreement_doc ON search_item USING gin (agreement_id, doc)`);
    await q.query(`CREATE INDEX search_item_attr ON search_item USING gin (attr_facets)`);
    await q.query(`CREATE INDEX search_item_agreement ON search_item (agreement_id)`);
    await q.query(`CREATE INDEX search_item_unspsc ON search_item (unspsc_code)`);
    await q.query(`CREATE INDEX search_item_price ON search_item (price)`);
    // For engines that cannot swap an agreement's documents atomically (Meilisearch): the version
    // whose documents are fully indexed; searches filter on it, so the switch is one row update.
    await q.query(`
      CREATE TABLE search_index_state (
        engine        text NOT NULL,
        agreement_id  int NOT NULL,
        version_id    int,
        indexed_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (engine, agreement_id)
      )`);
    // Every word of the searchable names, for typo and compound expansion of query words.
    await q.query(`CREATE TABLE search_word (word text PRIMARY KEY)`);
    await q.query(`CREATE INDEX search_word_trgm ON search_word USING gin (word gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'search_index_state',
      'search_word',
      'search_item',
      'search_outbox',
      'catalogue_item',
      'catalogue_version',
      'agreement_scope',
      'agreement_participant',
      'agreement',
      'unspsc_node',
      'audit_event',
      'membership',
      'app_user',
      'organisation',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS torg_freeze_published_items()`);
    await q.query(`DROP FUNCTION IF EXISTS torg_unaccent(text)`);
  }
}
