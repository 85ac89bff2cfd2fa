import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ClassificationService } from '../classification/classification.service';
import { UnspscNode } from '../classification/classification.types';
import { IdentityService } from '../identity/identity.service';
import { Organisation } from '../identity/identity.types';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Authenticated } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import Decimal from 'decimal.js';
import { Agreement, AgreementConnection, CreateAgreementInput, SetAgreementCeilingArgs, SetAgreementUnspscFallbackArgs } from './agreements.types';
import { AgreementsService } from './agreements.service';
import { AgreementParticipationService } from './participation.service';
import { AgreementParticipation, JoinAgreementInput, LeaveAgreementInput } from './participation.types';

@Resolver(() => Agreement)
export class AgreementsResolver {
  constructor(
    private readonly agreementsService: AgreementsService,
    private readonly identity: IdentityService,
    private readonly classification: ClassificationService,
    private readonly participation: AgreementParticipationService,
  ) {}

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, { description: 'Creates a framework agreement (PURCHASER of a purchasing unit).' })
  createAgreement(@Ctx() ctx: RequestContext, @Args('input') input: CreateAgreementInput) {
    return this.agreementsService.create(ctx, input);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, { description: 'Sets or removes an agreement’s value ceiling (PURCHASER of the purchasing unit that manages it).' })
  setAgreementCeiling(@Ctx() ctx: RequestContext, @Args() args: SetAgreementCeilingArgs) {
    return this.agreementsService.setCeiling(ctx, args.agreementId, args.valueCeiling ?? null);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, {
    description: 'Sets how the agreement’s catalogues take a UNSPSC code not in the code set, for uploads from now on (PURCHASER of the purchasing unit that manages it; audited).',
  })
  setAgreementUnspscFallback(@Ctx() ctx: RequestContext, @Args() args: SetAgreementUnspscFallbackArgs) {
    return this.agreementsService.setUnspscFallback(ctx, args.agreementId, args.fallback);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, {
    description:
      'A buyer organisation joins the agreement from a day on, also while it runs (PURCHASER of the purchasing unit that manages it; audited). Loyalty of its orders is judged by the participation in force on each order’s date.',
  })
  joinAgreement(@Ctx() ctx: RequestContext, @Args('input') input: JoinAgreementInput) {
    return this.participation.join(ctx, input);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, {
    description: 'A participant leaves the agreement after its last day (PURCHASER of the purchasing unit that manages it; audited). Its earlier orders stay judged as under the agreement.',
  })
  leaveAgreement(@Ctx() ctx: RequestContext, @Args('input') input: LeaveAgreementInput) {
    return this.participation.leave(ctx, input);
  }

  @Authenticated()
  @Query(() => Agreement, { description: 'One agreement the caller is party to.' })
  agreement(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.agreementsService.get(ctx, id);
  }

  @Authenticated()
  @Query(() => AgreementConnection, { description: 'Agreements the caller is party to, newest first.' })
  agreements(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Args('inForceOnly', { defaultValue: false, description: 'Only agreements in force today.' }) inForceOnly: boolean) {
    return this.agreementsService.list(ctx, inForceOnly, page.first, page.after);
  }

  @ResolveField(() => Boolean, { description: 'Whether today lies within the validity period.' })
  inForce(@Parent() a: Agreement) {
    return this.agreementsService.isInForce(a);
  }

  @ResolveField(() => Organisation, { description: 'The supplier.' })
  supplier(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return this.identity.organisation(ctx, a.supplierId);
  }

  @ResolveField(() => Organisation, { description: 'The purchasing unit.' })
  purchasingUnit(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return this.identity.organisation(ctx, a.purchasingUnitId);
  }

  @ResolveField(() => [Organisation], { description: 'Participating buyer organisations: those taking part today or from a later day (not those that have left).' })
  async participants(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    const ids = await this.agreementsService.participantIds(ctx, a.id);
    return Promise.all(ids.map((id) => this.identity.organisation(ctx, id)));
  }

  @ResolveField(() => [AgreementParticipation], { description: 'Every participation period, past, present and future, by organisation and first day.' })
  participations(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return this.participation.periods(ctx, a.id);
  }

  @ResolveField(() => [UnspscNode], { description: 'UNSPSC codes the agreement covers (any level).' })
  async scope(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return this.classification.nodes(ctx, await this.agreementsService.scope(ctx, a.id));
  }

  @ResolveField(() => Decimal, {
    description:
      'Drawn on the value ceiling by approved orders of all participants, in the agreement’s currency: per order the larger of what it drew and what has been invoiced of it (net of credit notes). An invoice approved above its order counts in full; a credit note brings the order back down to its draw at least; a cancelled order keeps what was invoiced of it.',
  })
  async committed(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return (await this.agreementsService.headroomBatched(ctx, a)).committed;
  }

  @ResolveField(() => Decimal, { description: 'Of the committed amount, what has been invoiced (approved invoices less approved credit notes); never more than committed.' })
  async invoiced(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return (await this.agreementsService.headroomBatched(ctx, a)).invoiced;
  }

  @ResolveField(() => Decimal, {
    nullable: true,
    description: 'What is left under the value ceiling: valueCeiling − committed (negative when accepted changes or invoices approved above their orders took it over); null without a ceiling.',
  })
  async remainingHeadroom(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return (await this.agreementsService.headroomBatched(ctx, a)).remaining;
  }
}
