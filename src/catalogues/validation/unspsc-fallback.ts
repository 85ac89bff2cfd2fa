import { unspscLevel, unspscParent } from '../../classification/unspsc-code';

/**
 * How an agreement takes a UNSPSC code that is not in the code set (retired, or newer than the
 * set Torg holds): STRICT refuses the line; NEAREST_LEVEL accepts it at its class, or else its
 * family, when that exists. Never at the segment: a segment says too little to find the item by.
 */
export type UnspscFallback = 'STRICT' | 'NEAREST_LEVEL';

export const UNSPSC_FALLBACKS: readonly UnspscFallback[] = ['STRICT', 'NEAREST_LEVEL'];

const LEVEL_NAMES = { 1: 'segment', 2: 'family', 3: 'class', 4: 'commodity' } as const;

export const unspscLevelName = (code: string) => LEVEL_NAMES[unspscLevel(code)];

/** The codes a missing code may fall back to, nearest first: its class, then its family (the code itself excluded). */
export function unspscFallbackCandidates(code: string): string[] {
  const candidates: string[] = [];
  for (let c = unspscParent(code); c && unspscLevel(c) >= 2; c = unspscParent(c)) candidates.push(c);
  return candidates;
}

/** The nearest existing class or family of a code that does not exist, or undefined when neither exists. */
export function nearestExistingUnspsc(code: string, exists: (code: string) => boolean): string | undefined {
  return unspscFallbackCandidates(code).find(exists);
}
