import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityService } from '../identity/identity.service';
import { OrganisationKind } from '../identity/organisation-kind';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput, forbidden, notFound } from '../platform/errors/domain-error';
import { MatchRuleExistsError } from './invoice.errors';
import { InvoiceMatchRuleEntity } from './invoicing.entities';
import { DEFAULT_TOLERANCE, Tolerance } from './matching';
import { MatchPolicyRepository } from './match-policy.repository';
import { MatchPolicies } from './match-policy.service';
import { AddInvoiceMatchRuleInput, InvoiceMatchPolicy, InvoiceMatchRule, SetInvoiceMatchPolicyInput, ToleranceInput, ToleranceRule } from './match-policy.types';
import { MatchModeValue } from './invoice.types';

const BUYER_KINDS = new Set<OrganisationKind>([OrganisationKind.BUYER, OrganisationKind.PURCHASING_UNIT]);

/**
 * Setting a buyer organisation's match policy and rules (ACCOUNTS_PAYABLE or ADMIN of the
 * organisation or of one above it), and reading the policy that applies. Every change audited.
 */
@Injectable()
export class MatchPolicySettings {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: MatchPolicyRepository,
    private readonly policies: MatchPolicies,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
  ) {}

  async policy(ctx: RequestContext, organisationId?: number): Promise<InvoiceMatchPolicy> {
    const org = await this.manageable(ctx, organisationId);
    return this.view(ctx, org);
  }

  async setPolicy(ctx: RequestContext, input: SetInvoiceMatchPolicyInput): Promise<InvoiceMatchPolicy> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.manageable(tx, input.organisationId);
      const tolerance: Tolerance = { ...DEFAULT_TOLERANCE, ...toleranceFields(input.tolerance) };
      await this.rows.upsertPolicy(tx, { buyerOrganisationId: org, mode: input.mode, tolerance: { ...tolerance }, updatedByUserId: tx.user.userId ?? null });
      await this.audit.record(tx, 'invoice-match-policy.set', 'organisation', org, { mode: input.mode, tolerance });
      return this.view(tx, org);
    });
  }

  async addRule(ctx: RequestContext, input: AddInvoiceMatchRuleInput): Promise<InvoiceMatchRule | MatchRuleExistsError> {
    if (input.supplierId == null && !input.unspscPrefix) throw badInput('A rule names a supplier, a UNSPSC prefix or both', { field: 'supplierId' });
    const tolerance = toleranceFields(input.tolerance);
    if (!input.mode && !Object.keys(tolerance).length) throw badInput('A rule sets a mode, tolerance fields or both', { field: 'mode' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.manageable(tx, input.organisationId);
      if (input.supplierId != null) {
        const supplier = await this.identity.find(tx, input.supplierId);
        if (supplier?.kind !== OrganisationKind.SUPPLIER) throw badInput(`Organisation ${input.supplierId} is not a supplier`, { field: 'supplierId' });
      }
      const rule = await this.rows.insertRule(tx, {
        buyerOrganisationId: org,
        supplierId: input.supplierId ?? null,
        unspscPrefix: input.unspscPrefix ?? null,
        mode: input.mode ?? null,
        tolerance: Object.keys(tolerance).length ? tolerance : null,
        createdByUserId: tx.user.userId ?? null,
      });
      if (!rule)
        return Object.assign(new MatchRuleExistsError(), {
          message: `Organisation ${org} has a rule for ${[input.supplierId != null ? `supplier ${input.supplierId}` : null, input.unspscPrefix ? `UNSPSC ${input.unspscPrefix}` : null].filter(Boolean).join(' and ')} already`,
        });
      await this.audit.record(tx, 'invoice-match-rule.added', 'organisation', org, {
        ruleId: rule.id,
        supplierId: rule.supplierId,
        unspscPrefix: rule.unspscPrefix,
        mode: rule.mode,
        tolerance: rule.tolerance,
      });
      return toRule(rule);
    });
  }

  async removeRule(ctx: RequestContext, ruleId: number): Promise<InvoiceMatchRule> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const rule = await this.rows.rule(tx, ruleId);
      const mine = rule && (await this.identity.selfAndDescendantIds(tx, [tx.user.organisationId])).includes(rule.buyerOrganisationId);
      if (!rule || !mine) throw notFound('Invoice match rule', ruleId);
      await this.rows.deleteRule(tx, rule.id);
      await this.audit.record(tx, 'invoice-match-rule.removed', 'organisation', rule.buyerOrganisationId, { ruleId: rule.id, supplierId: rule.supplierId, unspscPrefix: rule.unspscPrefix });
      return toRule(rule);
    });
  }

  /** The organisation a caller may manage policies of: its own (default) or one below it, a buyer. */
  private async manageable(ctx: RequestContext, organisationId: number | undefined): Promise<number> {
    const org = organisationId ?? ctx.user.organisationId;
    if (!(await this.identity.selfAndDescendantIds(ctx, [ctx.user.organisationId])).includes(org))
      throw forbidden(`Invoice match policies are set by the organisation’s own ACCOUNTS_PAYABLE or ADMIN, or one above it; organisation ${org} is neither yours nor below yours`);
    const organisation = await this.identity.find(ctx, org);
    if (!organisation || !BUYER_KINDS.has(organisation.kind)) throw badInput(`Organisation ${org} does not receive invoices (not a buyer)`, { field: 'organisationId' });
    return org;
  }

  private async view(ctx: RequestContext, organisationId: number): Promise<InvoiceMatchPolicy> {
    const effective = await this.policies.effective(ctx, organisationId);
    const t = effective.policy.tolerance;
    return {
      organisationId,
      definedBy: effective.organisationId,
      mode: MatchModeValue[effective.policy.mode],
      tolerance: { ...t, priceRule: ToleranceRule[t.priceRule], totalRule: ToleranceRule[t.totalRule] },
      rules: effective.stored.rules.map(toRule),
    };
  }
}

/** The tolerance fields given (a rule sets only those); null clears a percent or absolute field. */
function toleranceFields(input: ToleranceInput | undefined): Partial<Tolerance> {
  if (!input) return {};
  const fields: Partial<Tolerance> = {};
  for (const key of ['pricePercent', 'priceAbsolute', 'totalPercent', 'totalAbsolute'] as const) if (input[key] !== undefined) fields[key] = input[key] ?? null;
  if (input.quantityPercent !== undefined && input.quantityPercent !== null) fields.quantityPercent = input.quantityPercent;
  if (input.priceRule) fields.priceRule = input.priceRule;
  if (input.totalRule) fields.totalRule = input.totalRule;
  return fields;
}

function toRule(row: InvoiceMatchRuleEntity): InvoiceMatchRule {
  return {
    id: row.id,
    supplierId: row.supplierId,
    unspscPrefix: row.unspscPrefix,
    mode: row.mode ? MatchModeValue[row.mode] : null,
    tolerance: row.tolerance ? JSON.stringify(row.tolerance) : null,
  };
}
