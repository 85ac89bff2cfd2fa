import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { badInput } from '../platform/errors/domain-error';
import { parseId } from '../platform/http/id-params';
import { PostingExports, PostingFileFormat } from './posting-exports.service';

const CONTENT_TYPES: Record<PostingFileFormat, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' };

/**
 * GET /posting-exports/:batchId.csv and .json: a posting export batch as the finance system reads
 * it, the same bytes at every request. Accounts payable of the batch's organisation or one above
 * it; anyone else is told 404.
 */
@Controller('posting-exports')
export class PostingExportsController {
  constructor(private readonly exports: PostingExports) {}

  @Allow(Role.ACCOUNTS_PAYABLE)
  @Get(':file')
  async file(@Ctx() ctx: RequestContext, @Param('file') file: string, @Res() res: Response) {
    const m = /^(.*)\.(csv|json)$/.exec(file);
    if (!m) throw badInput(`"${file.slice(0, 40)}" names no file: ask for {batchId}.csv or {batchId}.json`, { field: 'file' });
    const batchId = parseId('batchId', m[1]);
    const format = m[2] as PostingFileFormat;
    const body = await this.exports.file(ctx, batchId, format);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="posting-export-${batchId}.${format}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.status(200).send(body);
  }
}
