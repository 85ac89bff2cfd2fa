import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (where package.json is), from source (ts-jest) or from dist alike. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'catalogs'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}
