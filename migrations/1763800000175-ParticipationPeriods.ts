import { MigrationInterface, QueryRunner } from 'typeorm';
import { VisibilityByParticipation1763800000011 } from './1763800000011-VisibilityByParticipation';

/**
 * An organisation takes part in an agreement for a period (issue 16 §4): it may join an agreement
 * already running and leave one before it ends, and loyalty on a past order date must be judged
 * by who took part then, not by who takes part today. `valid_from` is the first day it took part,
 * `valid_to` its last (null: until the agreement ends); a participant that leaves and joins again
 * has one row per period (the key includes valid_from; the service keeps periods apart). Existing
 * participants took part from their agreement's first day. The visibility rule (search, ordering:
 * torg_visible_agreements) now asks that today lie within the participation as well.
 */
export class ParticipationPeriods1763800000175 implements MigrationInterface {
  name = 'ParticipationPeriods1763800000175';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement_participant ADD COLUMN valid_from date, ADD COLUMN valid_to date`);
    await q.query(`UPDATE agreement_participant p SET valid_from = a.valid_from FROM agreement a WHERE a.id = p.agreement_id`);
    await q.query(`ALTER TABLE agreement_participant ALTER COLUMN valid_from SET NOT NULL, ADD CONSTRAINT agreement_participant_period CHECK (valid_to IS NULL OR valid_to >= valid_from)`);
    await q.query(`ALTER TABLE agreement_participant DROP CONSTRAINT agreement_participant_pkey, ADD PRIMARY KEY (agreement_id, organisation_id, valid_from)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION torg_visible_agreements(org int)
      RETURNS TABLE (agreement_id int, is_mandatory boolean, caller_kind text)
      LANGUAGE plpgsql STABLE
      SET plan_cache_mode = auto
      AS $$
      DECLARE
        k text;
        today date := (now() AT TIME ZONE 'Europe/Oslo')::date;
      BEGIN
        SELECT o.kind::text INTO k FROM organisation o WHERE o.id = org;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        IF k = 'SUPPLIER' THEN
          RETURN QUERY SELECT a.id, a.mandatory, k FROM agreement a WHERE a.supplier_id = org ORDER BY a.id;
        ELSE
          RETURN QUERY
            WITH RECURSIVE up AS (
              SELECT o.id, o.parent_id, 0 AS depth FROM organisation o WHERE o.id = org
              UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 20)
            SELECT a.id, a.mandatory, k FROM agreement a
             WHERE a.id IN (SELECT p.agreement_id FROM agreement_participant p JOIN up ON p.organisation_id = up.id
                             WHERE today >= p.valid_from AND (p.valid_to IS NULL OR today <= p.valid_to)
                            UNION ALL
                            SELECT m.id FROM agreement m WHERE k = 'PURCHASING_UNIT' AND m.purchasing_unit_id = org)
               AND today BETWEEN a.valid_from AND a.valid_to
             ORDER BY a.id;
        END IF;
        -- One row with a null agreement when there is none, so the kind still comes back.
        IF NOT FOUND THEN
          RETURN QUERY SELECT NULL::int, NULL::boolean, k;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await new VisibilityByParticipation1763800000011().up(q);
    // Only the first period of each participant can stay under the old key.
    await q.query(`DELETE FROM agreement_participant p USING agreement_participant e
                    WHERE e.agreement_id = p.agreement_id AND e.organisation_id = p.organisation_id AND e.valid_from < p.valid_from`);
    await q.query(`ALTER TABLE agreement_participant DROP CONSTRAINT agreement_participant_pkey, ADD PRIMARY KEY (agreement_id, organisation_id)`);
    await q.query(`ALTER TABLE agreement_participant DROP CONSTRAINT agreement_participant_period, DROP COLUMN valid_to, DROP COLUMN valid_from`);
  }
}
