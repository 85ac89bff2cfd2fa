import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../../src/platform/files/project-root';
import { QuerySet } from './relevance-metrics';

/**
 * The judged query sets (relevance.ts, hunspell-compounds.ts): the public one, read in place
 * (../shared/data/relevance/public.json beside the checkout, or $TORG_RELEVANCE_PUBLIC), when
 * there, and the project's own, test/bench/relevance/*.json.
 */
export function defaultSets(): string[] {
  const root = projectRoot();
  const publicSet = process.env.TORG_RELEVANCE_PUBLIC ?? resolve(root, '..', 'shared', 'data', 'relevance', 'public.json');
  const candidates = [publicSet, resolve('/work/shared/data/relevance/public.json')];
  const found = candidates.find((c) => existsSync(c));
  const own = join(root, 'test', 'bench', 'relevance');
  return [
    ...(found ? [found] : []),
    ...readdirSync(own)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(own, f)),
  ];
}

/** One judged set, checked: every query has its fields and grades 0-3, or it throws naming the file and query. */
export function readSet(path: string): QuerySet {
  const set = JSON.parse(readFileSync(path, 'utf8')) as QuerySet;
  if (!set.queries?.length) throw new Error(`${path}: no queries`);
  for (const q of set.queries) {
    for (const key of ['id', 'query', 'user', 'category', 'judgments'] as const) if (!(key in q)) throw new Error(`${path}: query ${q.id ?? '?'} lacks "${key}"`);
    for (const [id, g] of Object.entries(q.judgments)) if (![0, 1, 2, 3].includes(g)) throw new Error(`${path}: query ${q.id}: grade ${g} for ${id} is not 0-3`);
  }
  return set;
}
