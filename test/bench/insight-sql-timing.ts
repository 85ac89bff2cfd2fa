import type { Client } from 'pg';
import type { TorgConfig } from '../../src/platform/config/config';
import { InsightReportsRepository } from '../../src/insights/insight-reports.repository';
import type { InsightQuery } from '../../src/insights/insight-query';
import { InsightDimension, PeriodGrouping, SpendBasis, UnspscLevelName } from '../../src/insights/insights.types';
import type { RequestContext } from '../../src/platform/context/request-context';

/** The GraphQL query fields the bench times, as the repository's statement behind each. */
const STATEMENTS: Record<string, (r: InsightReportsRepository, ctx: RequestContext, q: InsightQuery) => Promise<unknown>> = {
  insightLoyalty: (r, ctx, q) => r.loyalty(ctx, q),
  insightLeakage: (r, ctx, q) => r.leakage(ctx, q),
  insightSpend: (r, ctx, q) => r.spend(ctx, q),
  insightOrders: (r, ctx, q) => r.orders(ctx, q),
  insightInvoices: (r, ctx, q) => r.invoices(ctx, q),
  insightInvoiceExceptions: (r, ctx, q) => r.exceptionRates(ctx, q),
  insightOffAgreementLines: (r, ctx, q) => r.offAgreementLines(ctx, q, 0, 100),
  insightCeilingUse: (r, ctx, q) => r.orderedPerAgreement(ctx, q),
};

/** A report's query as InsightsService builds it from a filter, for a scope already resolved. */
export function insightQuery(scope: { ids: number[]; tops: number[] }, filter: Record<string, unknown>): InsightQuery {
  return {
    organisationIds: scope.ids,
    subtreeTops: scope.tops,
    period: PeriodGrouping.MONTH,
    unspscLevel: UnspscLevelName.SEGMENT,
    basis: SpendBasis.ORDERED,
    groupBy: [InsightDimension.PERIOD],
    ...(filter as Partial<InsightQuery>),
  };
}

/**
 * The report's statements as the service sends them, run `runs` times under
 * `EXPLAIN (ANALYZE, TIMING OFF)`: PostgreSQL's own planning and execution time, the steadier
 * reading on a shared machine than a request's wall time (no HTTP, token, scope or names). A
 * report of several statements (a document rollup's check for mixed documents, then the report)
 * counts them all. Returns the sorted execution times (ms), the sorted planning times, the
 * plans' scans and the rows they read.
 */
export async function statementTimes(pg: Client, field: string, q: InsightQuery, runs: number): Promise<{ execution: number[]; planning: number[]; top: string; rowsRead: number }> {
  const statement = STATEMENTS[field];
  // No cap on rows: the bench times the statements as the reports of any size send them.
  const repository = new InsightReportsRepository({ insightMaxRows: 10_000_000 } as TorgConfig);
  const execution: number[] = [];
  const planning: number[] = [];
  let scans: string[] = [];
  let rowsRead = 0;
  let call = { execution: 0, planning: 0 };
  const manager = {
    query: async (sql: string, params: unknown[]) => {
      const [
        {
          'QUERY PLAN': [plan],
        },
      ] = (await pg.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, params)).rows;
      call.execution += plan['Execution Time'];
      call.planning += plan['Planning Time'];
      const found = describe(plan.Plan);
      scans.push(...found.scans);
      rowsRead += found.rows;
      return [];
    },
  };
  for (let i = 0; i < runs; i++) {
    call = { execution: 0, planning: 0 };
    scans = [];
    rowsRead = 0;
    await statement(repository, { manager } as unknown as RequestContext, q);
    execution.push(call.execution);
    planning.push(call.planning);
  }
  return { execution: execution.sort((a, b) => a - b), planning: planning.sort((a, b) => a - b), top: scans.join(' + '), rowsRead };
}

/** The scans that feed the plan (relation and rows read), and the rows all of them read. */
function describe(node: Record<string, any>): { scans: string[]; rows: number } {
  const scans: string[] = [];
  let rows = 0;
  const walk = (n: Record<string, any>) => {
    if (n['Relation Name']) {
      const read = n['Actual Rows'] * (n['Actual Loops'] ?? 1);
      rows += read;
      scans.push(`${n['Node Type']} on ${n['Relation Name']} (${Math.round(read)} rows)`);
    }
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return { scans, rows: Math.round(rows) };
}
