import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../identity/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { notFound } from '../platform/errors/domain-error';
import { toCsv } from './csv';
import { EXPORT_MAX_LINES, exportColumns, exportRow, REPORT_EXPORTS } from './insight-exports';
import { filterFromParams, pageParam } from './insight-filter-params';
import { INSIGHT_ROLES } from './insights-scope';
import { InsightsService } from './insights.service';

/**
 * GET /insights/<report>.csv and .json: each insight report as a file, with the filters of the
 * GraphQL queries as query parameters (groupBy comma-separated); the same access as there.
 * Reports: loyalty, leakage, off-agreement-lines (offset, limit ≤ 10,000), spend, orders,
 * invoices, invoice-exceptions, ceiling-use, eco-labelled-spend.
 */
@Controller('insights')
export class InsightsExportController {
  constructor(private readonly insights: InsightsService) {}

  @Allow(...INSIGHT_ROLES)
  @Get(':file')
  async export(@Ctx() ctx: RequestContext, @Param('file') file: string, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const [, name, format] = /^([a-z-]+)\.(csv|json)$/.exec(file) ?? [];
    const report = name !== undefined ? REPORT_EXPORTS[name] : undefined;
    if (!report) throw notFound('Insight report', file);
    const filter = filterFromParams(query);
    const page = { offset: pageParam(query, 'offset', 0, 1_000_000), limit: pageParam(query, 'limit', EXPORT_MAX_LINES, EXPORT_MAX_LINES) };
    const rows = (await report.rows(this.insights, ctx, filter, page)).map(exportRow);
    res.setHeader('Cache-Control', 'private, no-store');
    if (format === 'json') {
      res.status(200).json({ report: name, rows });
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.status(200).send(toCsv(exportColumns(report, filter, name), rows));
  }
}
