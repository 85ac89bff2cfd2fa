/**
 * The maintained synonym list: sets of words or phrases a buyer uses for the same thing, Norwegian
 * and English (the UNSPSC titles are English, and so are many buyers' habits) and Norwegian
 * spellings. A query word or phrase found here also searches the others of its set, each as an
 * exact word (the engines then expand it as they expand any word: "chair" → "stol" →
 * "kontorstol"). Keep it small and general: words for kinds of goods and units, never a fix for
 * one query. Written as a buyer types them; folded like query text before use.
 */
export const SYNONYM_SETS: readonly (readonly string[])[] = [
  // nb ↔ en, kinds of goods
  ['stol', 'chair', 'chairs', 'seat'],
  ['hanske', 'hansker', 'glove', 'gloves', 'handsker'],
  ['mus', 'mouse', 'mice'],
  ['tastatur', 'keyboard'],
  ['skjerm', 'monitor', 'screen', 'display'],
  ['kopipapir', 'copy paper', 'kopiark'],
  ['papir', 'paper'],
  ['penn', 'pen', 'pens'],
  ['blyant', 'pencil'],
  ['perm', 'ringperm', 'binder'],
  ['webkamera', 'webcam', 'web camera'],
  ['kabel', 'cable'],
  ['minnepinne', 'usb stick', 'memory stick', 'minnebrikke'],
  ['munnbind', 'face mask', 'munnbeskyttelse'],
  ['klut', 'cloth'],
  ['søppelsekk', 'avfallssekk', 'bin bag', 'garbage bag'],
  ['hodetelefoner', 'headset', 'headphones'],
  // nb ↔ nb and the English words for the same
  ['håndsprit', 'hånddesinfeksjon', 'hand sanitizer', 'hand sanitiser', 'hand disinfectant'],
  ['desinfeksjon', 'desinfisering', 'disinfectant', 'disinfection'],
  // units, as written out and as abbreviated (27" is read "27 tommer" before this list applies)
  ['tommer', 'tomme', 'inch', 'inches'],
  ['liter', 'l'],
  ['milliliter', 'ml'],
  ['centimeter', 'cm'],
  ['millimeter', 'mm'],
  ['gram', 'g'],
  ['kilo', 'kg'],
];
