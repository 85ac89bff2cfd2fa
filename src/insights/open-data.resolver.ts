import { Args, Field, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { OpenDataService } from './open-data.service';

@ObjectType({ description: 'Whether an agreement’s usage is published as open data, and where.' })
export class AgreementOpenData {
  @Field(() => Int) agreementId: number;
  @Field() published: boolean;
  @Field({ description: 'The public JSON (usage.csv beside it): usage and spend per month, no personal data; 404 while not published.' }) usageUrl: string;
}

@Resolver()
export class OpenDataResolver {
  constructor(private readonly openData: OpenDataService) {}

  @Allow(Role.PURCHASER)
  @Mutation(() => AgreementOpenData, { description: 'Publishes (or withdraws) the agreement’s usage as open data (PURCHASER of the purchasing unit that manages it).' })
  async setAgreementOpenData(
    @Ctx() ctx: RequestContext,
    @Args('agreementId', { type: () => Int }) agreementId: number,
    @Args('published', { description: 'True to publish, false to withdraw.' }) published: boolean,
  ): Promise<AgreementOpenData> {
    await this.openData.setPublished(ctx, agreementId, published);
    return { agreementId, published, usageUrl: `/open-data/agreements/${agreementId}/usage.json` };
  }
}
