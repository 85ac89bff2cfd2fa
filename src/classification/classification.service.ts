import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { allowBulkWork } from '../platform/database/bulk-work';
import { inTransaction } from '../platform/database/transaction';
import { badInput, notFound } from '../platform/errors/domain-error';
import { readTabular, TabularFormat } from '../platform/files/tabular-reader';
import BUILTIN from './builtin-unspsc.json';
import { isUnspscCode, unspscLevel, unspscParent, unspscPath, unspscPrefix } from './unspsc-code';
import { collectUnspscRow, mapUnspscHeaders, UnspscNodeRow } from './unspsc-import';
import { UnspscNodeEntity } from './unspsc-node.entity';

export interface UnspscImportResult {
  nodes: number;
  commodities: number;
  removed: number;
  deprecated: number;
  version: string;
}

const BATCH = 5000;

@Injectable()
export class ClassificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Loads the small built-in subset when no code set has been imported yet (demo and tests). */
  async ensureBuiltinSubset(manager: EntityManager = this.ds.manager): Promise<number> {
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM unspsc_node');
    if (count > 0) return 0;
    const nodes = (BUILTIN as [string, string][]).map(([code, title]) => ({ code, title, level: unspscLevel(code), parentCode: unspscParent(code) }));
    await this.upsert(manager, nodes, 'builtin-subset');
    return nodes.length;
  }

  /**
   * Imports the official code-set layout (CSV or XLSX, one row per commodity). Titles are
   * updated; codes absent from the file are removed unless items or agreements use them, in
   * which case they stay, marked deprecated. All in one transaction.
   */
  async importFile(ctx: RequestContext, path: string, format: TabularFormat, version: string, onProgress?: (read: number, total: number, rows: number) => void): Promise<UnspscImportResult> {
    const nodes = new Map<string, UnspscNodeRow>();
    let map: ReturnType<typeof mapUnspscHeaders> | undefined;
    let rows = 0;
    let read = 0;
    let total = 0;
    const problems: string[] = [];
    for await (const batch of readTabular(path, format, (r, t) => ((read = r), (total = t)))) {
      if (!map) {
        try {
          map = mapUnspscHeaders(batch.headers);
        } catch (e) {
          throw badInput((e as Error).message);
        }
      }
      for (const row of batch.rows) {
        const problem = collectUnspscRow(row, map, nodes);
        if (problem && problems.length < 50) problems.push(problem);
      }
      rows += batch.rows.length;
      onProgress?.(read, total, rows);
    }
    onProgress?.(total, total, rows);
    if (problems.length) throw badInput(`The UNSPSC file has ${problems.length} bad row(s):\n${problems.join('\n')}`, { problems });
    if (!nodes.size) throw badInput('The UNSPSC file holds no codes');
    const orphans = [...nodes.values()].filter((n) => n.parentCode && !nodes.has(n.parentCode)).slice(0, 10);
    if (orphans.length) throw badInput(`Codes whose parent is not in the file: ${orphans.map((o) => o.code).join(', ')}`);

    return inTransaction(this.ds, ctx, async (tx) => {
      const m = tx.manager;
      await allowBulkWork(m); // 156,000 codes, and a wait for running uploads (below)
      await m.query('CREATE TEMP TABLE unspsc_incoming (code char(8) PRIMARY KEY) ON COMMIT DROP');
      const all = [...nodes.values()];
      for (let i = 0; i < all.length; i += BATCH) {
        await m.query('INSERT INTO unspsc_incoming SELECT unnest($1::char(8)[])', [all.slice(i, i + BATCH).map((n) => n.code)]);
      }
      await this.upsert(m, all, version);
      // Uploads do not lock the codes they use; this keeps them out (and waits for those in
      // flight) until the import commits, so "used" below sees every item.
      await m.query('LOCK TABLE catalogue_item IN SHARE MODE');
      const used = `code IN (SELECT unspsc_code FROM catalogue_item UNION SELECT unspsc_code FROM agreement_scope)`;
      const deprecated = await m.query(`UPDATE unspsc_node SET deprecated = true WHERE code NOT IN (SELECT code FROM unspsc_incoming) AND ${used}`);
      // Delete unused absent codes from the leaves up, keeping parents of codes that stay.
      let removed = 0;
      for (let level = 4; level >= 1; level--) {
        const res = await m.query(
          `DELETE FROM unspsc_node n WHERE n.level = $1 AND n.code NOT IN (SELECT code FROM unspsc_incoming) AND NOT n.deprecated
             AND NOT EXISTS (SELECT 1 FROM unspsc_node c WHERE c.parent_code = n.code)`,
          [level],
        );
        removed += res[1] ?? 0;
      }
      const result = { nodes: all.length, commodities: all.filter((n) => n.level === 4).length, removed, deprecated: deprecated[1] ?? 0, version };
      await this.audit.record(tx, 'unspsc.imported', 'unspsc', version, { ...result });
      await m.query('ANALYZE unspsc_node');
      return result;
    });
  }

  private async upsert(m: EntityManager, nodes: UnspscNodeRow[], version: string) {
    // Parents first, so a half-imported tree never has dangling parents.
    const sorted = [...nodes].sort((a, b) => a.level - b.level);
    for (let i = 0; i < sorted.length; i += BATCH) {
      const batch = sorted.slice(i, i + BATCH);
      await m.query(
        `INSERT INTO unspsc_node (code, level, title, parent_code, version, deprecated)
         SELECT c, l, t, p, $5, false FROM unnest($1::char(8)[], $2::smallint[], $3::text[], $4::char(8)[]) AS x(c, l, t, p)
         ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, version = EXCLUDED.version, deprecated = false`,
        [batch.map((n) => n.code), batch.map((n) => n.level), batch.map((n) => n.title), batch.map((n) => n.parentCode), version],
      );
    }
  }

  async node(ctx: RequestContext, code: string): Promise<UnspscNodeEntity> {
    if (!isUnspscCode(code)) throw badInput(`"${code}" is not an 8-digit UNSPSC code`, { field: 'code' });
    const node = await ctx.manager.findOneBy(UnspscNodeEntity, { code });
    if (!node) throw notFound('UNSPSC code', code);
    return node;
  }

  /** Several nodes by code, in the order given (unknown codes are left out). */
  async nodes(ctx: RequestContext, codes: string[]): Promise<UnspscNodeEntity[]> {
    if (!codes.length) return [];
    const rows = await ctx.manager.findBy(UnspscNodeEntity, { code: In(codes) });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => byCode.get(c)).filter((n): n is UnspscNodeEntity => !!n);
  }

  /** The node and its ancestors, segment first. */
  async path(ctx: RequestContext, code: string): Promise<UnspscNodeEntity[]> {
    const nodes = await ctx.manager.query('SELECT code, level, title, parent_code AS "parentCode", version, deprecated FROM unspsc_node WHERE code = ANY($1) ORDER BY level', [unspscPath(code)]);
    return nodes;
  }

  /** Children of a node (segments when parentCode is null), ordered by code. */
  async children(ctx: RequestContext, parentCode: string | null, offset: number, limit: number): Promise<[UnspscNodeEntity[], number]> {
    if (parentCode !== null && !isUnspscCode(parentCode)) throw badInput(`"${parentCode}" is not an 8-digit UNSPSC code`, { field: 'parentCode' });
    const qb = ctx.manager.createQueryBuilder(UnspscNodeEntity, 'n').orderBy('n.code').skip(offset).take(limit);
    if (parentCode === null) qb.where('n.level = 1');
    else qb.where('n.parent_code = :parentCode', { parentCode });
    return qb.getManyAndCount();
  }

  /** Which of these codes exist (for catalogue validation). */
  async existing(manager: EntityManager, codes: string[]): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const rows: { code: string }[] = await manager.query('SELECT code FROM unspsc_node WHERE code = ANY($1::char(8)[])', [codes]);
    return new Set(rows.map((r) => r.code));
  }

  /** Items under each node among published catalogues of the given agreements. */
  async itemCounts(manager: EntityManager, codes: string[], agreementIds: number[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(codes.map((c) => [c, 0]));
    if (!codes.length || !agreementIds.length) return counts;
    const rows: { code: string; n: number }[] = await manager.query(
      `SELECT p.code, count(ci.id)::int AS n
         FROM unnest($1::text[], $2::text[]) AS p(code, prefix)
         JOIN catalogue_item ci ON ci.unspsc_code LIKE p.prefix || '%'
         JOIN catalogue_version cv ON cv.id = ci.version_id AND cv.status = 'PUBLISHED' AND cv.agreement_id = ANY($3)
        GROUP BY p.code`,
      [codes, codes.map(unspscPrefix), agreementIds],
    );
    for (const r of rows) counts.set(r.code, r.n);
    return counts;
  }
}
