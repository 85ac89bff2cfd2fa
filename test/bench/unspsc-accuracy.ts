/**
 * How well UNSPSC suggestions (src/classification/suggestions/) find the code of catalogue items
 * whose code is hidden from them: the measurement behind `npm run bench:unspsc` (all
 * configurations) and the line `npm run bench:relevance` prints beside the relevance figures.
 *
 * The items are the demo catalogues in catalogs/ (CSV, XLSX, UBL). Held-out split: the items are
 * grouped into product families (same description, else same name without numbers, so "Kulepenn
 * blå 0,5 mm" and "Kulepenn rød 0,7 mm" go together) and the families into folds; the item
 * vocabulary of each fold is built from the other folds only, so an item suggested for is never
 * in the vocabulary, nor any sibling of it. An item counts at a level when its own code is at
 * least that deep.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/main';
import { catalogueFormatOf, readCatalogueFile } from '../../src/catalogues/catalogue-import';
import { ClassificationService } from '../../src/classification/classification.service';
import { UnspscFeatureRepository } from '../../src/classification/suggestions/unspsc-feature.repository';
import { VocabularyCounts } from '../../src/classification/suggestions/vocabulary-counts';
import { isUnspscCode, normaliseUnspsc, unspscLevel } from '../../src/classification/unspsc-code';
import { loadConfig } from '../../src/platform/config/config';
import { RequestContext } from '../../src/platform/context/request-context';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { projectRoot } from '../../src/platform/files/project-root';
import { DEMO_AGREEMENTS } from '../../src/seed/demo-data';
import { freePort } from './bench-support';

export const LEVELS = [
  ['commodity', 4],
  ['class', 3],
  ['family', 2],
] as const;

export interface BenchItem {
  name: string;
  description: string | null;
  manufacturer: string | null;
  code: string;
  scope: string[];
  family: string;
  fold: number;
}

/** ../shared/data/unspsc beside the checkout or a folder above it (a worktree). */
export function sharedUnspsc(): string | null {
  for (let dir = projectRoot(), up = 0; up < 3; dir = dirname(dir), up++) {
    const candidate = join(dirname(dir), 'shared', 'data', 'unspsc', 'unspsc.csv');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** A small stable hash, so families land in the same fold every run. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export async function demoItems(folds: number): Promise<BenchItem[]> {
  const items: BenchItem[] = [];
  const files = [...new Map(DEMO_AGREEMENTS.map((a) => [a.catalogue, a.scope])).entries()];
  for (const [file, scope] of files) {
    for await (const lines of readCatalogueFile(join(projectRoot(), 'catalogs', file), catalogueFormatOf(file), () => undefined)) {
      for (const l of lines) {
        const code = normaliseUnspsc(l.unspsc ?? '');
        if (!isUnspscCode(code) || !l.name) continue;
        const description = l.description?.trim() || null;
        const family = (description ?? l.name.replace(/[\d,.]+\s*\S*/g, '')).toLowerCase().replace(/\s+/g, ' ').trim();
        items.push({ name: l.name, description, manufacturer: l.manufacturer?.trim() || null, code, scope, family, fold: hash(family) % folds });
      }
    }
  }
  return items;
}

export interface Tally {
  top1: Record<string, [number, number]>;
  top3: Record<string, [number, number]>;
}

export function tally(results: { item: BenchItem; codes: string[] }[]): Tally {
  const t: Tally = { top1: {}, top3: {} };
  for (const [label, level] of LEVELS) {
    t.top1[label] = [0, 0];
    t.top3[label] = [0, 0];
    const digits = level * 2;
    for (const { item, codes } of results) {
      if (unspscLevel(item.code) < level) continue; // a class-coded item says nothing at commodity level
      const want = item.code.slice(0, digits);
      t.top1[label][1]++;
      t.top3[label][1]++;
      if (codes[0]?.slice(0, digits) === want) t.top1[label][0]++;
      if (codes.slice(0, 3).some((c) => c.slice(0, digits) === want)) t.top3[label][0]++;
    }
  }
  return t;
}

export const pct = ([hit, of]: [number, number]) => (of ? `${((100 * hit) / of).toFixed(1)} % (${hit}/${of})` : 'n/a');

/**
 * Suggests a code for every item with its code hidden, fold by fold: the item vocabulary of a
 * fold is built from the other folds only. `misses` of them (top 3 wrong) are written to stderr.
 */
export async function evaluate(app: NestExpressApplication, items: BenchItem[], withItems: boolean, withScope: boolean, folds: number, misses = 0) {
  const ds = app.get(DataSource);
  const features = app.get(UnspscFeatureRepository);
  const classification = app.get(ClassificationService);
  const ctx = new RequestContext(undefined, ds.manager);
  const results: { item: BenchItem; codes: string[] }[] = [];
  const times: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = items.filter((i) => i.fold !== fold);
    const test = items.filter((i) => i.fold === fold);
    const counts = new VocabularyCounts();
    if (withItems) for (const i of train) counts.add(i, i.code);
    await ds.transaction((m) => features.replace(ctx.withManager(m), 'item', counts.rows(), counts.documents));
    for (const item of test) {
      const t0 = performance.now();
      const [suggestions] = await classification.suggest(ctx, [item], withScope ? item.scope : null);
      times.push(performance.now() - t0);
      results.push({ item, codes: suggestions.map((s) => s.code) });
    }
  }
  const missed = results.filter((r) => !r.codes.slice(0, 3).includes(r.item.code)).slice(0, misses);
  for (const m of missed) process.stderr.write(`  miss: ${m.item.name} | ${m.item.code} → ${m.codes.join(' ')}\n`);
  return { tally: tally(results), times: times.sort((a, b) => a - b) };
}

/** Torg in process on an embedded PostgreSQL of its own, with the built-in UNSPSC subset; `close` stops both and removes the data. */
export async function startSuggestionApp(log: (m: string) => void): Promise<{ app: NestExpressApplication; close: () => Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'torg-bench-unspsc-'));
  const db = await startEmbeddedDatabase(join(work, 'data'), await freePort(), log);
  let app: NestExpressApplication | undefined;
  const close = async () => {
    await app?.close();
    await db.stop();
    await rm(work, { recursive: true, force: true });
  };
  try {
    app = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'error', TORG_DATA_DIR: join(work, 'torg') }));
    await app.init();
    await app.get(ClassificationService).ensureBuiltinSubset();
    return { app, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Imports the full code set (../shared/data/unspsc) and waits for its title vocabulary; seconds taken. */
export async function importFullCodeSet(app: NestExpressApplication, file: string): Promise<{ codes: number; seconds: number }> {
  const classification = app.get(ClassificationService);
  const t0 = performance.now();
  const result = await classification.importFile(new RequestContext(undefined, app.get(DataSource).manager), file, 'csv', 'bench-full');
  await classification.vocabularyCaughtUp(); // the title vocabulary is rebuilt after the import commits
  return { codes: result.nodes, seconds: (performance.now() - t0) / 1000 };
}
