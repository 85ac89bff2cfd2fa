import { MigrationInterface, QueryRunner } from 'typeorm';

/** The function as this migration created it (migration 1763800000011 restores it on the way down). */
export const VISIBLE_AGREEMENTS_0007 = `
      CREATE FUNCTION torg_visible_agreements(org int)
      RETURNS TABLE (agreement_id int, is_mandatory boolean, caller_kind text)
      LANGUAGE plpgsql STABLE
      SET plan_cache_mode = auto
      AS $$
      BEGIN
        RETURN QUERY
        WITH RECURSIVE me AS (SELECT o.id, o.kind::text AS kind FROM organisation o WHERE o.id = org),
        up AS (SELECT o.id, o.parent_id, 0 AS depth FROM organisation o WHERE o.id = org
               UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 20),
        today AS (SELECT (now() AT TIME ZONE 'Europe/Oslo')::date AS d)
        SELECT a.id, a.mandatory, me.kind FROM me CROSS JOIN today LEFT JOIN agreement a ON
               (me.kind = 'SUPPLIER' AND a.supplier_id = me.id)
            OR (me.kind = 'PURCHASING_UNIT' AND a.purchasing_unit_id = me.id AND today.d BETWEEN a.valid_from AND a.valid_to)
            OR (me.kind <> 'SUPPLIER' AND today.d BETWEEN a.valid_from AND a.valid_to
                AND EXISTS (SELECT 1 FROM agreement_participant p WHERE p.agreement_id = a.id AND p.organisation_id IN (SELECT up.id FROM up)))
         ORDER BY a.id;
      END $$`;

/**
 * Who sees which agreements, as a function with a cached plan. Every search asks it; as a
 * plain statement it was planned on every call (2.1 ms of planning for 0.9 ms of work, measured),
 * because the pool plans with the actual values (plan_cache_mode = force_custom_plan, which the
 * search needs). Inside this function the plan is cached (plan_cache_mode = auto). The same for
 * the statements inside torg_expand_words.
 *
 * Buyers: agreements in force today (Europe/Oslo) in which their organisation or one above it
 * participates. Purchasing units: the agreements they manage that are in force. Suppliers: their
 * own agreements. One row with a null agreement when there is none, so the kind still comes back.
 */
export class VisibilityFunction1763800000007 implements MigrationInterface {
  name = 'VisibilityFunction1763800000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(VISIBLE_AGREEMENTS_0007);
    await q.query('ALTER FUNCTION torg_expand_words(text[], int) SET plan_cache_mode = auto');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER FUNCTION torg_expand_words(text[], int) RESET plan_cache_mode');
    await q.query('DROP FUNCTION torg_visible_agreements(int)');
  }
}
