import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedData } from './shared-data';

/**
 * The official PEPPOL / EHF Schematron rules, compiled for SaxonJS, in ../shared/data/peppol-rules
 * (see its README). A document passes when no failed assert has flag "fatal".
 */

export interface RuleFailure {
  id: string;
  flag: string;
  location: string;
  text: string;
}

interface SaxonJs {
  transform(options: Record<string, unknown>, mode: 'sync'): { principalResult: string };
}

export const RULES = sharedData('peppol-rules');

const loaded = new Map<string, unknown>();

/** Every failed assert the rules file reports for the document. Loading a file takes about a second, once. */
export function validateWithRules(rulesFile: string, xml: string): RuleFailure[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const saxon = require('saxon-js') as SaxonJs;
  let stylesheet = loaded.get(rulesFile);
  if (!stylesheet) {
    const path = join(RULES.dir, rulesFile);
    if (!existsSync(path)) throw new Error(`No rules file at ${path}`);
    stylesheet = JSON.parse(readFileSync(path, 'utf8'));
    loaded.set(rulesFile, stylesheet);
  }
  const svrl = saxon.transform({ stylesheetInternal: stylesheet, sourceText: xml, destination: 'serialized' }, 'sync').principalResult;
  const failures: RuleFailure[] = [];
  for (const m of svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[2])?.[1].trim() ?? '';
    failures.push({ id: attr('id'), flag: attr('flag'), location: attr('location'), text });
  }
  return failures;
}

/** The ids of the fatal asserts, sorted: [] for a document the network accepts. */
export const fatalRules = (rulesFile: string, xml: string): string[] =>
  validateWithRules(rulesFile, xml)
    .filter((f) => f.flag === 'fatal')
    .map((f) => f.id)
    .sort();
