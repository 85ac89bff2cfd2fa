import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '../platform/context/request-context';
import { unspscPath } from './unspsc-code';
import { UnspscNodeRow } from './unspsc-import';
import { UnspscNodeEntity } from './unspsc-node.entity';

const BATCH = 5000;

/** The one home of the SQL on `unspsc_node`. */
@Injectable()
export class UnspscNodeRepository {
  async count(ctx: RequestContext): Promise<number> {
    const [{ count }] = await ctx.manager.query('SELECT count(*)::int AS count FROM unspsc_node');
    return count;
  }

  /** Inserts or updates nodes, parents first, so a half-imported tree never has dangling parents. */
  async upsert(ctx: RequestContext, nodes: UnspscNodeRow[], version: string): Promise<void> {
    const sorted = [...nodes].sort((a, b) => a.level - b.level);
    for (let i = 0; i < sorted.length; i += BATCH) {
      const batch = sorted.slice(i, i + BATCH);
      await ctx.manager.query(
        `INSERT INTO unspsc_node (code, level, title, parent_code, version, deprecated)
         SELECT c, l, t, p, $5, false FROM unnest($1::char(8)[], $2::smallint[], $3::text[], $4::char(8)[]) AS x(c, l, t, p)
         ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, version = EXCLUDED.version, deprecated = false`,
        [batch.map((n) => n.code), batch.map((n) => n.level), batch.map((n) => n.title), batch.map((n) => n.parentCode), version],
      );
    }
  }

  /**
   * After an import of `incoming` codes: codes absent from it are marked deprecated when in
   * `inUse`, else removed (leaves first, keeping parents of codes that stay). Returns the counts.
   */
  async retireAbsent(tx: RequestContext, incoming: string[], inUse: Iterable<string>): Promise<{ removed: number; deprecated: number }> {
    const m = tx.manager;
    await m.query('CREATE TEMP TABLE unspsc_incoming (code char(8) PRIMARY KEY) ON COMMIT DROP');
    await m.query('CREATE TEMP TABLE unspsc_in_use (code char(8) PRIMARY KEY) ON COMMIT DROP');
    for (let i = 0; i < incoming.length; i += BATCH) await m.query('INSERT INTO unspsc_incoming SELECT unnest($1::char(8)[])', [incoming.slice(i, i + BATCH)]);
    const used = [...inUse];
    for (let i = 0; i < used.length; i += BATCH) await m.query('INSERT INTO unspsc_in_use SELECT unnest($1::char(8)[])', [used.slice(i, i + BATCH)]);
    const deprecated = await m.query('UPDATE unspsc_node SET deprecated = true WHERE code NOT IN (SELECT code FROM unspsc_incoming) AND code IN (SELECT code FROM unspsc_in_use)');
    let removed = 0;
    for (let level = 4; level >= 1; level--) {
      const res = await m.query(
        `DELETE FROM unspsc_node n WHERE n.level = $1 AND n.code NOT IN (SELECT code FROM unspsc_incoming) AND NOT n.deprecated
           AND NOT EXISTS (SELECT 1 FROM unspsc_node c WHERE c.parent_code = n.code)`,
        [level],
      );
      removed += res[1] ?? 0;
    }
    return { removed, deprecated: deprecated[1] ?? 0 };
  }

  async analyze(tx: RequestContext): Promise<void> {
    await tx.manager.query('ANALYZE unspsc_node');
  }

  find(ctx: RequestContext, code: string): Promise<UnspscNodeEntity | null> {
    return ctx.manager.findOneBy(UnspscNodeEntity, { code });
  }

  byCodes(ctx: RequestContext, codes: string[]): Promise<UnspscNodeEntity[]> {
    return ctx.manager.findBy(UnspscNodeEntity, { code: In(codes) });
  }

  /** The node and its ancestors, segment first. */
  path(ctx: RequestContext, code: string): Promise<UnspscNodeEntity[]> {
    return ctx.manager.query('SELECT code, level, title, parent_code AS "parentCode", version, deprecated FROM unspsc_node WHERE code = ANY($1) ORDER BY level', [unspscPath(code)]);
  }

  /** A page of a node's children (segments when parentCode is null), by code, and their total. */
  children(ctx: RequestContext, parentCode: string | null, offset: number, limit: number): Promise<[UnspscNodeEntity[], number]> {
    const qb = ctx.manager.createQueryBuilder(UnspscNodeEntity, 'n').orderBy('n.code').skip(offset).take(limit);
    if (parentCode === null) qb.where('n.level = 1');
    else qb.where('n.parent_code = :parentCode', { parentCode });
    return qb.getManyAndCount();
  }

  /** Which of these codes exist. */
  async existing(ctx: { manager: RequestContext['manager'] }, codes: string[]): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const rows: { code: string }[] = await ctx.manager.query('SELECT code FROM unspsc_node WHERE code = ANY($1::char(8)[])', [codes]);
    return new Set(rows.map((r) => r.code));
  }
}
