/**
 * The words a UNSPSC suggestion compares: an item's name and description (Norwegian, as suppliers
 * write them) against code titles (English) and the names of items already classified. Pure.
 *
 * Features are stems ("stolene" → "stol") plus, for Norwegian compounds whose head carries the
 * meaning ("kontorstol", "nitrilhansker", "kulepenn"), the stem's last 4–6 letters marked with "~",
 * so "stoler" meets "kontorstol" through "~stol". Both sides are featurised alike.
 */

import { NB_EN_GLOSSARY } from './nb-en-glossary';

/** Words that say nothing about what an item is (nb and en), after lower-casing. */
const STOPWORDS = new Set(
  (
    'og i til for med av på per som er en et ei den det de fra om uten eller pr stk pk pakke pakning ' + 'the of or and for with a an to in on by non other others type types kind not nos use used'
  ).split(' '),
);

/** Longest suffix first: plural definite, plural, definite, weak endings (nb), then the English plural. */
const SUFFIXES = ['ene', 'ane', 'er', 'en', 'et', 'ar', 'es', 'e', 'a', 's'];
const MIN_STEM = 3;
const HEAD_LENGTHS = [4, 5, 6];

/** "Stolene" → "stol", "hansker" → "hansk", "pens" → "pen"; short words are left alone. */
export function stem(word: string): string {
  for (const s of SUFFIXES) if (word.length - s.length >= MIN_STEM && word.endsWith(s)) return word.slice(0, -s.length);
  return word;
}

/** Lower-cased words of at least two characters holding a letter (pure numbers and sizes say little). */
export function words(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && /\p{L}/u.test(w) && !/^\d+\p{L}{1,2}$/u.test(w) && !STOPWORDS.has(w));
}

/** The glossary by Norwegian stem → the stems of its English words. */
let glossary: Map<string, string[]> | undefined;
const MIN_HEAD = 4;

/** English stems for a Norwegian stem: the word itself, else the longest compound head the glossary knows. */
export function translate(s: string): string[] {
  glossary ??= new Map(Object.entries(NB_EN_GLOSSARY).map(([nb, en]) => [stem(nb), words(en).map(stem)]));
  for (let k = s.length; k >= MIN_HEAD; k--) {
    const english = glossary.get(s.slice(-k));
    if (english) return english;
  }
  return [];
}

/**
 * The features of one text with their weight (a stem 1, a compound head 0.5, an English word from
 * the glossary 0.8), each once at its highest weight. Titles are English already: `english` false.
 */
export function textFeatures(text: string | null | undefined, weight = 1, english = true): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string, w: number) => out.set(f, Math.max(out.get(f) ?? 0, w));
  for (const word of words(text)) {
    const s = stem(word);
    add(s, weight);
    for (const k of HEAD_LENGTHS) if (s.length >= k) add('~' + s.slice(-k), weight * 0.5);
    if (english) for (const en of translate(s)) add(en, weight * 0.8);
  }
  return out;
}

/** What an item says about itself: name (full weight), description (half), manufacturer (a fifth). */
export interface ItemText {
  name: string;
  description?: string | null;
  manufacturer?: string | null;
}

/** The item's features, each at the highest weight any of its fields gives it. */
export function itemFeatures(item: ItemText, english = true): Map<string, number> {
  const out = textFeatures(item.name, 1, english);
  for (const [text, weight] of [
    [item.description, 0.5],
    [item.manufacturer, 0.2],
  ] as const) {
    for (const [f, w] of textFeatures(text, weight, english)) out.set(f, Math.max(out.get(f) ?? 0, w));
  }
  return out;
}
