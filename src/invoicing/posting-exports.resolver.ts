import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { PostingExportBatch, PostingExportBatchConnection, PostingExportResult } from './posting-export.types';
import { PostingExports } from './posting-exports.service';

@Resolver(() => PostingExportBatch)
export class PostingExportsResolver {
  constructor(private readonly exports: PostingExports) {}

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Mutation(() => PostingExportResult, {
    description:
      'Exports for posting every approved invoice and credit note of the caller’s organisation and those below it that no earlier export holds, as one batch (ACCOUNTS_PAYABLE, a person or the finance system’s machine client). Each invoice is exported exactly once; NothingToExportError when none is waiting.',
  })
  createPostingExport(@Ctx() ctx: RequestContext) {
    return this.exports.create(ctx);
  }

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Query(() => PostingExportBatchConnection, { description: 'Posting export batches of the caller’s organisation and those below it, newest first.' })
  postingExports(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.exports.list(ctx, page.first, page.after);
  }
}
