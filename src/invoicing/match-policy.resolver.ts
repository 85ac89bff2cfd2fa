import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { AddInvoiceMatchRuleResult } from './invoice.results';
import { MatchPolicySettings } from './match-policy-settings.service';
import { AddInvoiceMatchRuleInput, InvoiceMatchPolicy, InvoiceMatchRule, SetInvoiceMatchPolicyInput } from './match-policy.types';

const POLICY_KEEPERS = [Role.ACCOUNTS_PAYABLE, Role.ADMIN];

/** A buyer organisation's invoice match policy: default mode and tolerance, and rules per supplier or category (ACCOUNTS_PAYABLE or ADMIN). */
@Resolver(() => InvoiceMatchPolicy)
export class MatchPolicyResolver {
  constructor(private readonly settings: MatchPolicySettings) {}

  @Allow(...POLICY_KEEPERS)
  @Query(() => InvoiceMatchPolicy, { description: 'The invoice match policy that applies to your organisation or one below it (ACCOUNTS_PAYABLE or ADMIN).' })
  invoiceMatchPolicy(@Ctx() ctx: RequestContext, @Args('organisationId', { type: () => Int, nullable: true, description: 'The organisation; yours when left out.' }) organisationId?: number) {
    return this.settings.policy(ctx, organisationId ?? undefined);
  }

  @Allow(...POLICY_KEEPERS)
  @Mutation(() => InvoiceMatchPolicy, { description: 'Sets the default match mode and tolerance of your organisation or one below it (ACCOUNTS_PAYABLE or ADMIN).' })
  setInvoiceMatchPolicy(@Ctx() ctx: RequestContext, @Args('input') input: SetInvoiceMatchPolicyInput) {
    return this.settings.setPolicy(ctx, input);
  }

  @Allow(...POLICY_KEEPERS)
  @Mutation(() => AddInvoiceMatchRuleResult, { description: 'Adds a rule for a supplier and/or UNSPSC category (ACCOUNTS_PAYABLE or ADMIN).' })
  addInvoiceMatchRule(@Ctx() ctx: RequestContext, @Args('input') input: AddInvoiceMatchRuleInput) {
    return this.settings.addRule(ctx, input);
  }

  @Allow(...POLICY_KEEPERS)
  @Mutation(() => InvoiceMatchRule, { description: 'Removes a rule of your organisation or one below it; the rule as it was (ACCOUNTS_PAYABLE or ADMIN).' })
  removeInvoiceMatchRule(@Ctx() ctx: RequestContext, @Args('ruleId', { type: () => Int, description: 'The rule.' }) ruleId: number) {
    return this.settings.removeRule(ctx, ruleId);
  }
}
