import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the embedded PostgreSQL's password is kept: in the data directory, readable by its owner only. */
export function embeddedPasswordPath(dataDir: string) {
  return join(dataDir, 'embedded-pg-password');
}

/**
 * The embedded PostgreSQL's password: generated at the first start and kept in the data
 * directory (mode 0600), so no other local user can read it and no well-known password opens
 * the database. A file someone loosened is made private again.
 */
export async function readOrCreateEmbeddedPassword(dataDir: string, log: (m: string) => void): Promise<string> {
  const path = embeddedPasswordPath(dataDir);
  const kept = await readEmbeddedPassword(dataDir);
  if (kept !== null) {
    if (((await stat(path)).mode & 0o077) !== 0) {
      await chmod(path, 0o600);
      log(`made ${path} readable by its owner only (0600)`);
    }
    return kept;
  }
  const password = randomBytes(24).toString('base64url');
  // 'wx': never overwrite a password another start wrote meanwhile.
  await writeFile(path, password + '\n', { mode: 0o600, flag: 'wx' });
  return password;
}

/** The kept password, or null when the data directory has no password file (yet). */
export async function readEmbeddedPassword(dataDir: string): Promise<string | null> {
  const path = embeddedPasswordPath(dataDir);
  const existing = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (existing === null) return null;
  const password = existing.trim();
  if (!password) throw new Error(`${path} is empty: put the embedded PostgreSQL's password back in it`);
  return password;
}
