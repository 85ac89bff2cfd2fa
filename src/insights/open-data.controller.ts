import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Public } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { notFound } from '../platform/errors/domain-error';
import { parseId } from '../platform/http/id-params';
import { toCsv } from './csv';
import { OpenDataService } from './open-data.service';

/** How long a client or proxy may reuse the answer: facts change as orders and invoices are approved, an hour late is fine for statistics. */
const MAX_AGE_SECONDS = 3600;
const MONTH_COLUMNS = ['month', 'orders', 'orderedAmount', 'invoices', 'invoicedAmount', 'buyingOrganisations'];

/**
 * GET /open-data/agreements/:id/usage.json and usage.csv: an agreement's usage per month, without
 * a token, when its purchasing unit published it (404 otherwise). Cacheable: Cache-Control
 * public with max-age, and a strong ETag answered 304 when the client has it already.
 */
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public()
  @Get('agreements/:id/:file')
  async usage(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('file') file: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response) {
    if (file !== 'usage.json' && file !== 'usage.csv') throw notFound('Open data file', file);
    const usage = await this.openData.usage(ctx, parseId('id', id));
    const csv = file.endsWith('.csv');
    const body = csv
      ? toCsv(
          ['agreementReference', 'supplier', 'supplierOrgNumber', ...MONTH_COLUMNS],
          usage.months.map((m) => ({ agreementReference: usage.agreement.reference, supplier: usage.supplier?.name, supplierOrgNumber: usage.supplier?.orgNumber, ...m })),
        )
      : JSON.stringify(usage);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
    res.setHeader('ETag', etag);
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (ifNoneMatch?.split(',').some((t) => t.trim() === etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.status(200).send(body);
  }
}
