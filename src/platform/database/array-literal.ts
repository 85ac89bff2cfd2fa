/**
 * A PostgreSQL array literal of text values, e.g. {"a","b \"c\""}: what COPY's text format
 * expects for a text[] column. Every element is quoted, so commas, braces, spaces and the word
 * NULL stay text; backslashes and double quotes are escaped inside the quotes.
 */
export const textArrayLiteral = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
