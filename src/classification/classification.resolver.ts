import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { decodeOffset, PageArgs, toConnection } from '../platform/graphql/connection';
import { ClassificationService } from './classification.service';
import { UnspscNode, UnspscNodeConnection } from './classification.types';

@Resolver(() => UnspscNode)
export class ClassificationResolver {
  constructor(private readonly classification: ClassificationService) {}

  @Authenticated()
  @Query(() => UnspscNode, { description: 'Looks up one UNSPSC code.' })
  unspscNode(@Ctx() ctx: RequestContext, @Args('code') code: string) {
    return this.classification.node(ctx, code.trim());
  }

  @Authenticated()
  @Query(() => UnspscNodeConnection, { description: 'Children of a node, by code; the segments when parentCode is omitted.' })
  async unspscChildren(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Args('parentCode', { nullable: true, type: () => String }) parentCode?: string | null) {
    const offset = decodeOffset(page.after);
    const [rows, total] = await this.classification.children(ctx, parentCode?.trim() ?? null, offset, page.first);
    return toConnection(rows, offset, page.first, total);
  }

  @ResolveField(() => [UnspscNode], { description: 'The path from the segment down to this node (inclusive).' })
  path(@Ctx() ctx: RequestContext, @Parent() node: UnspscNode) {
    return this.classification.path(ctx, node.code);
  }

  @ResolveField(() => UnspscNodeConnection, { description: 'Child nodes, by code.' })
  async children(@Ctx() ctx: RequestContext, @Parent() node: UnspscNode, @Args() page: PageArgs) {
    const offset = decodeOffset(page.after);
    const [rows, total] = await this.classification.children(ctx, node.code, offset, page.first);
    return toConnection(rows, offset, page.first, total);
  }
}
