import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { allowBulkWork } from '../platform/database/bulk-work';
import { inTransaction } from '../platform/database/transaction';
import { badInput, notFound } from '../platform/errors/domain-error';
import { readTabular, TabularFormat } from '../platform/files/tabular-reader';
import BUILTIN from './builtin-unspsc.json';
import { isUnspscCode, unspscLevel, unspscParent } from './unspsc-code';
import { UnspscCodeUsers } from './unspsc-code-users';
import { collectUnspscRow, mapUnspscHeaders, UnspscNodeRow } from './unspsc-import';
import { UnspscNodeEntity } from './unspsc-node.entity';
import { UnspscNodeRepository } from './unspsc-node.repository';
import { ItemText } from './suggestions/suggestion-text';
import { UnspscSuggester, UnspscSuggestion } from './suggestions/unspsc-suggester';
import { UnspscVocabulary } from './suggestions/unspsc-vocabulary';

export interface UnspscImportResult {
  nodes: number;
  commodities: number;
  removed: number;
  deprecated: number;
  version: string;
}

@Injectable()
export class ClassificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly nodeRows: UnspscNodeRepository,
    private readonly codeUsers: UnspscCodeUsers,
    private readonly audit: AuditService,
    private readonly suggester: UnspscSuggester,
    private readonly vocabulary: UnspscVocabulary,
  ) {}

  /** Loads the small built-in subset when no code set has been imported yet (demo and tests). */
  async ensureBuiltinSubset(ctx = new RequestContext(undefined, this.ds.manager)): Promise<number> {
    if ((await this.nodeRows.count(ctx)) > 0) {
      // A database from before suggestions existed has codes but no title vocabulary yet.
      if (!(await this.vocabulary.hasTitles(ctx))) await this.vocabulary.rebuildTitles();
      return 0;
    }
    const nodes = (BUILTIN as [string, string][]).map(([code, title]) => ({ code, title, level: unspscLevel(code), parentCode: unspscParent(code) }));
    await inTransaction(this.ds, ctx, (tx) => this.nodeRows.upsert(tx, nodes, 'builtin-subset'));
    // From the committed codes; should it fail, the next start finds codes without titles and builds it then.
    await this.vocabulary.rebuildTitles();
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
      await allowBulkWork(tx.manager); // 156,000 codes, and a wait for running uploads (below)
      const all = [...nodes.values()];
      await this.nodeRows.upsert(tx, all, version);
      // The modules whose rows use codes answer through the port; catalogues hold item writes
      // off (and wait for uploads in flight) until the import commits, so no use is missed.
      const inUse = await this.codeUsers.inUse(tx);
      const { removed, deprecated } = await this.nodeRows.retireAbsent(
        tx,
        all.map((n) => n.code),
        inUse,
      );
      const result = { nodes: all.length, commodities: all.filter((n) => n.level === 4).length, removed, deprecated, version };
      await this.vocabulary.titlesChanged(tx);
      await this.audit.record(tx, 'unspsc.imported', 'unspsc', version, { ...result });
      await this.nodeRows.analyze(tx);
      return result;
    });
  }

  async node(ctx: RequestContext, code: string): Promise<UnspscNodeEntity> {
    if (!isUnspscCode(code)) throw badInput(`"${code}" is not an 8-digit UNSPSC code`, { field: 'code' });
    const node = await this.nodeRows.find(ctx, code);
    if (!node) throw notFound('UNSPSC code', code);
    return node;
  }

  /** Several nodes by code, in the order given (unknown codes are left out). */
  async nodes(ctx: RequestContext, codes: string[]): Promise<UnspscNodeEntity[]> {
    if (!codes.length) return [];
    const rows = await this.nodeRows.byCodes(ctx, codes);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => byCode.get(c)).filter((n): n is UnspscNodeEntity => !!n);
  }

  /** The node and its ancestors, segment first. */
  path(ctx: RequestContext, code: string): Promise<UnspscNodeEntity[]> {
    return this.nodeRows.path(ctx, code);
  }

  /** Children of a node (segments when parentCode is null), ordered by code. */
  async children(ctx: RequestContext, parentCode: string | null, offset: number, limit: number): Promise<[UnspscNodeEntity[], number]> {
    if (parentCode !== null && !isUnspscCode(parentCode)) throw badInput(`"${parentCode}" is not an 8-digit UNSPSC code`, { field: 'parentCode' });
    return this.nodeRows.children(ctx, parentCode, offset, limit);
  }

  /**
   * Up to `limit` codes for each item, best first, from its name, description and manufacturer:
   * the words of published catalogues' items and the code titles vote (suggestions/). With a
   * scope, only codes inside it; never a code that does not exist.
   */
  suggest(ctx: RequestContext, items: readonly ItemText[], scope: readonly string[] | null, limit = 3): Promise<UnspscSuggestion[][]> {
    return this.suggester.suggest(ctx, items, scope, limit);
  }

  /** In a transaction that changed which catalogues are published: the item vocabulary follows after commit. */
  publishedCataloguesChanged(tx: RequestContext): Promise<void> {
    return this.vocabulary.publishedChanged(tx);
  }

  /** Waits until the item vocabulary has caught up with every publish (the seed, tests, the bench). */
  vocabularyCaughtUp(): Promise<void> {
    return this.vocabulary.drain();
  }

  /** Which of these codes exist (for catalogue validation and agreement scopes). */
  existing(ctx: RequestContext, codes: string[]): Promise<Set<string>> {
    return this.nodeRows.existing(ctx, codes);
  }
}
