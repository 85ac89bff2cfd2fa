import DataLoader from 'dataloader';
import { RequestContext } from '../context/request-context';

const loaders = new WeakMap<RequestContext, Map<string, DataLoader<unknown, unknown>>>();

/**
 * A DataLoader that lives as long as one request (its RequestContext), so the field resolvers of
 * a list batch their look-ups into one query instead of one per item (N+1).
 */
export function requestLoader<K, V>(ctx: RequestContext, name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
  let byName = loaders.get(ctx);
  if (!byName) loaders.set(ctx, (byName = new Map()));
  let loader = byName.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch);
    byName.set(name, loader);
  }
  return loader;
}

/** Orders batch results by key, with `fallback` for keys that found nothing. */
export function byKey<K, V, R>(keys: readonly K[], rows: R[], keyOf: (r: R) => K, valueOf: (rs: R[]) => V, fallback: V): V[] {
  const groups = new Map<K, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return keys.map((k) => (groups.has(k) ? valueOf(groups.get(k)!) : fallback));
}
