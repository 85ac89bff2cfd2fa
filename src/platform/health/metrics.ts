import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry for the process: default Node metrics plus Torg's own. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'torg_' });

export const searchDuration = new Histogram({
  name: 'torg_search_duration_seconds',
  help: 'Product search duration by engine',
  labelNames: ['engine'],
  buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [metricsRegistry],
});

export const catalogueUploads = new Counter({
  name: 'torg_catalogue_uploads_total',
  help: 'Catalogue uploads by format and outcome',
  labelNames: ['format', 'outcome'],
  registers: [metricsRegistry],
});
