import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Allow } from '../identity/access.decorators';
import { IdentityService } from '../identity/identity.service';
import { OrganisationConnection } from '../identity/identity.types';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { INSIGHT_ROLES, InsightsScope } from './insights-scope';

@ArgsType()
export class InsightOrganisationsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of the name (any case), or the start of the organisation number; left out: all of them.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/**
 * The organisations a report may be narrowed to (InsightFilter.organisationId), searched and paged
 * on the server: a purchasing unit with thousands of participants and their schools picks any of
 * them without the page loading the register. The same scope the reports use decides what is listed.
 */
@Resolver()
export class InsightOrganisationsResolver {
  constructor(
    private readonly scope: InsightsScope,
    private readonly identity: IdentityService,
  ) {}

  @Allow(...INSIGHT_ROLES)
  @Query(() => OrganisationConnection, {
    description:
      'The buyer organisations whose spend the caller sees (those a report’s organisationId may name), by name, a page at a time; search narrows by name or organisation number (PURCHASER, ACCOUNTS_PAYABLE, ADMIN).',
  })
  async insightOrganisations(@Ctx() ctx: RequestContext, @Args() args: InsightOrganisationsArgs) {
    const visible = await this.scope.organisations(ctx);
    return this.identity.organisationsAmong(ctx, visible.ids, (args.search ?? '').trim(), args.first, args.after);
  }
}
