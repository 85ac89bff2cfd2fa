/**
 * Moving and choosing by keyboard alone, as the browser tests' keyboard walks do: Tab until an
 * element is focused, and a select's option chosen by typing the start of its text.
 */
import { Page } from 'playwright-core';
import { focused } from './web-browser';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const document: any;

/** Presses Tab (or Shift+Tab) until the focused element's text matches, at most `max` times. */
export async function tabTo(page: Page, match: RegExp, { back = false, max = 120 } = {}): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (match.test(now)) return now;
  }
  throw new Error(`Tab never reached ${match} (last: ${await focused(page)})`);
}

/** Chromium forgets typed letters after about a second without a key (its type-ahead timeout). */
const TYPE_AHEAD_RESET_MS = 1_100;

/**
 * Chooses an option of the focused select by typing the start of its text, and returns the text
 * chosen. Waits for the options first: they come with a query, and letters typed into an empty
 * select choose nothing. On a loaded machine the keystrokes of one word can be more than the
 * type-ahead timeout apart, so that "2100" is read as "2", then "1"…: a person would type again,
 * and so does this, after a pause that starts the type-ahead afresh (at most three times).
 */
export async function chooseByTyping(page: Page, typed: string, expected: RegExp): Promise<string> {
  await page.waitForFunction(() => document.activeElement?.tagName === 'SELECT' && document.activeElement.options.length > 1, null, { timeout: 30_000 });
  let chosen = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await page.waitForTimeout(TYPE_AHEAD_RESET_MS);
    await page.keyboard.type(typed);
    chosen = await page.evaluate(() => document.activeElement.selectedOptions[0]?.text ?? '');
    if (expected.test(chosen)) return chosen;
  }
  throw new Error(`Typing "${typed}" into the select chose "${chosen}", not ${expected}`);
}
