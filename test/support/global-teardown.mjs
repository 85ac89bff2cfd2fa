import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const pg = globalThis.__TORG_PG__;
  if (pg) await pg.stop();
  // The server removes its data directory (not persistent); the temporary directory around it is ours.
  const root = globalThis.__TORG_PG_ROOT__;
  if (root) await rm(root, { recursive: true, force: true });
}
