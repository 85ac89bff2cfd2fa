import { Injectable } from '@nestjs/common';
import { selfAndAncestorsSql } from '../identity/organisation-tree';
import { RequestContext } from '../platform/context/request-context';
import { entitiesOf } from '../platform/database/entity-rows';
import { preparedQueryIn } from '../platform/database/prepared-query';
import { InvoiceMatchPolicyEntity, InvoiceMatchRuleEntity, StoredMatchMode } from './invoicing.entities';

export type NewMatchRule = Omit<InvoiceMatchRuleEntity, 'id' | 'createdAt'>;

/** A buyer's chain (itself, then each organisation above it, nearest first) with the policies and rules of all of them. */
export interface ChainPoliciesAndRules {
  chain: number[];
  policies: InvoiceMatchPolicyEntity[];
  rules: InvoiceMatchRuleEntity[];
}

/** The row chainPoliciesAndRulesSql's columns give. */
export interface ChainPoliciesAndRulesRow {
  chain: number[];
  policies: Record<string, unknown>[];
  rules: Record<string, unknown>[];
}

/** The buyer organisation `buyer` (an SQL expression) and those above it, nearest first, as an int[] expression. */
export const chainSql = (buyer: string) => `ARRAY(${selfAndAncestorsSql(buyer)})`;

/**
 * Three select-list columns (chain, policies, rules: each kind as a JSON array, rules in id order)
 * of a chain (`chain`: a column of a MATERIALIZED CTE of chainSql's value, so that it is computed
 * once, not inlined into each place that reads it): a statement of its own here, and a part of
 * the invoice's INSERT at intake (invoice.repository.ts), which saves the intake a round trip.
 */
export function chainPoliciesAndRulesSql(chain: string): string {
  return `${chain} AS chain,
          (SELECT coalesce(json_agg(p), '[]'::json) FROM invoice_match_policy p WHERE p.buyer_organisation_id = ANY(${chain})) AS policies,
          (SELECT coalesce(json_agg(r ORDER BY r.id), '[]'::json) FROM invoice_match_rule r WHERE r.buyer_organisation_id = ANY(${chain})) AS rules`;
}

/** The entities of chainPoliciesAndRulesSql's row: json_agg keeps the column names; entitiesOf converts each value (timestamps, json) as TypeORM does. */
export function chainPoliciesAndRulesOf(ctx: RequestContext, row: ChainPoliciesAndRulesRow): ChainPoliciesAndRules {
  return { chain: row.chain, policies: entitiesOf(ctx.manager, InvoiceMatchPolicyEntity, row.policies), rules: entitiesOf(ctx.manager, InvoiceMatchRuleEntity, row.rules) };
}

/** The one home of the SQL on `invoice_match_policy` and `invoice_match_rule`. */
@Injectable()
export class MatchPolicyRepository {
  policy(ctx: RequestContext, buyerOrganisationId: number): Promise<InvoiceMatchPolicyEntity | null> {
    return ctx.manager.findOneBy(InvoiceMatchPolicyEntity, { buyerOrganisationId });
  }

  rules(ctx: RequestContext, buyerOrganisationId: number): Promise<InvoiceMatchRuleEntity[]> {
    return ctx.manager.find(InvoiceMatchRuleEntity, { where: { buyerOrganisationId }, order: { id: 'ASC' } });
  }

  /**
   * The buyer's chain (itself, then each organisation above it, nearest first) with the policies
   * and rules of all of them, in one plain statement (each kind as a JSON array), rules in id
   * order: the intake asks it of every invoice (two TypeORM finds cost the service more than the
   * statement costs PostgreSQL, and the chain was a round trip of its own).
   */
  async chainPoliciesAndRules(ctx: RequestContext, buyerOrganisationId: number): Promise<ChainPoliciesAndRules> {
    const [row]: ChainPoliciesAndRulesRow[] = await preparedQueryIn(ctx.manager, `WITH c AS MATERIALIZED (SELECT ${chainSql('$1')} AS chain) SELECT ${chainPoliciesAndRulesSql('c.chain')} FROM c`, [
      buyerOrganisationId,
    ]);
    return chainPoliciesAndRulesOf(ctx, row);
  }

  rule(ctx: RequestContext, id: number): Promise<InvoiceMatchRuleEntity | null> {
    return ctx.manager.findOneBy(InvoiceMatchRuleEntity, { id });
  }

  /** Sets the organisation's policy (one row per organisation), bumping its version. */
  async upsertPolicy(
    tx: RequestContext,
    p: { buyerOrganisationId: number; mode: StoredMatchMode; tolerance: Record<string, unknown>; updatedByUserId: number | null },
  ): Promise<InvoiceMatchPolicyEntity> {
    await tx.manager.query(
      `INSERT INTO invoice_match_policy (buyer_organisation_id, mode, tolerance, updated_by_user_id)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (buyer_organisation_id) DO UPDATE
         SET mode = EXCLUDED.mode, tolerance = EXCLUDED.tolerance, updated_by_user_id = EXCLUDED.updated_by_user_id,
             version = invoice_match_policy.version + 1, updated_at = now()`,
      [p.buyerOrganisationId, p.mode, JSON.stringify(p.tolerance), p.updatedByUserId],
    );
    return (await this.policy(tx, p.buyerOrganisationId))!;
  }

  /** A new rule, or null when the organisation has one for the same supplier and prefix already. */
  async insertRule(tx: RequestContext, rule: NewMatchRule): Promise<InvoiceMatchRuleEntity | null> {
    const rows: { id: number }[] = await tx.manager.query(
      `INSERT INTO invoice_match_rule (buyer_organisation_id, supplier_id, unspsc_prefix, mode, tolerance, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [rule.buyerOrganisationId, rule.supplierId, rule.unspscPrefix, rule.mode, rule.tolerance === null ? null : JSON.stringify(rule.tolerance), rule.createdByUserId],
    );
    return rows.length ? this.rule(tx, rows[0].id) : null;
  }

  async deleteRule(tx: RequestContext, id: number): Promise<void> {
    await tx.manager.delete(InvoiceMatchRuleEntity, { id });
  }
}
