import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { InvoiceMatchPolicyEntity, InvoiceMatchRuleEntity, StoredMatchMode } from './invoicing.entities';

export type NewMatchRule = Omit<InvoiceMatchRuleEntity, 'id' | 'createdAt'>;

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
   * The policies and rules of several organisations in one plain statement (each kind as a JSON
   * array), rules in id order: the intake asks it of every invoice, and two TypeORM finds cost the
   * service more than the statement costs PostgreSQL.
   */
  async policiesAndRules(ctx: RequestContext, buyerOrganisationIds: readonly number[]): Promise<{ policies: InvoiceMatchPolicyEntity[]; rules: InvoiceMatchRuleEntity[] }> {
    const [row]: { policies: PolicyJson[]; rules: RuleJson[] }[] = await ctx.manager.query(
      `SELECT (SELECT coalesce(json_agg(p), '[]'::json) FROM invoice_match_policy p WHERE p.buyer_organisation_id = ANY($1::int[])) AS policies,
              (SELECT coalesce(json_agg(r ORDER BY r.id), '[]'::json) FROM invoice_match_rule r WHERE r.buyer_organisation_id = ANY($1::int[])) AS rules`,
      [[...buyerOrganisationIds]],
    );
    return { policies: row.policies.map(policyOf), rules: row.rules.map(ruleOf) };
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

/** A row of invoice_match_policy as json_agg writes it. */
interface PolicyJson {
  buyer_organisation_id: number;
  mode: StoredMatchMode;
  tolerance: Record<string, unknown>;
  version: number;
  updated_by_user_id: number | null;
  updated_at: string;
}

/** A row of invoice_match_rule as json_agg writes it. */
interface RuleJson {
  id: number;
  buyer_organisation_id: number;
  supplier_id: number | null;
  unspsc_prefix: string | null;
  mode: StoredMatchMode | null;
  tolerance: Record<string, unknown> | null;
  created_by_user_id: number | null;
  created_at: string;
}

const policyOf = (r: PolicyJson): InvoiceMatchPolicyEntity =>
  Object.assign(new InvoiceMatchPolicyEntity(), {
    buyerOrganisationId: r.buyer_organisation_id,
    mode: r.mode,
    tolerance: r.tolerance,
    version: r.version,
    updatedByUserId: r.updated_by_user_id,
    updatedAt: new Date(r.updated_at),
  });

const ruleOf = (r: RuleJson): InvoiceMatchRuleEntity =>
  Object.assign(new InvoiceMatchRuleEntity(), {
    id: r.id,
    buyerOrganisationId: r.buyer_organisation_id,
    supplierId: r.supplier_id,
    unspscPrefix: r.unspsc_prefix,
    mode: r.mode,
    tolerance: r.tolerance,
    createdByUserId: r.created_by_user_id,
    createdAt: new Date(r.created_at),
  });
