import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { InvoiceMatchPolicyEntity, InvoiceMatchRuleEntity } from './invoicing.entities';
import { DEFAULT_TOLERANCE, MatchPolicy, MatchRule, Tolerance } from './matching';
import { ChainPoliciesAndRules, MatchPolicyRepository } from './match-policy.repository';

/** With no policy set anywhere above the buyer: three-way (pay only what was received) within the default tolerance. */
export const DEFAULT_MATCH_POLICY: MatchPolicy = { mode: 'THREE_WAY', tolerance: { ...DEFAULT_TOLERANCE } };

/** A buyer organisation's policy as the matcher takes it, and where it comes from. */
export interface EffectivePolicy {
  /** The organisation whose policy applies (the buyer's own or the nearest above it); null: the default. */
  organisationId: number | null;
  policy: MatchPolicy;
  rules: MatchRule[];
  /** The stored rows, for showing them. */
  stored: { policy: InvoiceMatchPolicyEntity | null; rules: InvoiceMatchRuleEntity[] };
}

/**
 * The match policy that applies to a buyer organisation: its own policy and rules, else those of
 * the nearest organisation above it that has either (a school follows its municipality), else the
 * default. An organisation with rules and no policy of its own has the default beneath its rules.
 */
@Injectable()
export class MatchPolicies {
  constructor(private readonly rows: MatchPolicyRepository) {}

  async effective(ctx: RequestContext, buyerOrganisationId: number): Promise<EffectivePolicy> {
    return effectivePolicyOf(await this.rows.chainPoliciesAndRules(ctx, buyerOrganisationId));
  }
}

/** The effective policy of a chain read with its policies and rules (the intake reads them with the invoice's INSERT). */
export function effectivePolicyOf({ chain, ...stored }: ChainPoliciesAndRules): EffectivePolicy {
  // The nearest organisation of the chain that has either a policy or rules wins.
  for (const id of chain) {
    const policy = stored.policies.find((p) => p.buyerOrganisationId === id) ?? null;
    const rules = stored.rules.filter((r) => r.buyerOrganisationId === id);
    if (!policy && !rules.length) continue;
    return { organisationId: id, policy: policy ? toPolicy(policy) : DEFAULT_MATCH_POLICY, rules: rules.map(toRule), stored: { policy, rules } };
  }
  return { organisationId: null, policy: DEFAULT_MATCH_POLICY, rules: [], stored: { policy: null, rules: [] } };
}

function toPolicy(row: InvoiceMatchPolicyEntity): MatchPolicy {
  return { mode: row.mode, tolerance: { ...DEFAULT_TOLERANCE, ...(row.tolerance as Partial<Tolerance>) } };
}

function toRule(row: InvoiceMatchRuleEntity): MatchRule {
  return {
    scope: { ...(row.supplierId !== null ? { supplierId: row.supplierId } : {}), ...(row.unspscPrefix !== null ? { unspscPrefix: row.unspscPrefix } : {}) },
    ...(row.mode ? { mode: row.mode } : {}),
    ...(row.tolerance ? { tolerance: row.tolerance } : {}),
  };
}
