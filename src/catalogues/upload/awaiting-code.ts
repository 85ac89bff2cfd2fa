import { isUnspscCode, normaliseUnspsc, unspscCovers } from '../../classification/unspsc-code';
import type { RawCatalogueLine } from '../catalogue-line';

/**
 * Why a line needs a UNSPSC code Torg can suggest: it has none, or one outside the agreement's
 * scope; null for any other line (those are validated as always). A Delete line needs no code,
 * a classification of another list (listID) is the supplier's to fix, and with no scope there is
 * nothing to suggest inside. Pure.
 */
export function awaitingCodeReason(raw: RawCatalogueLine, scope: readonly string[]): string | null {
  if (!scope.length || (raw.action ?? '').trim() === 'Delete') return null;
  if (raw.unspscListId !== undefined && !['MP', 'TST'].includes(raw.unspscListId)) return null;
  const code = normaliseUnspsc(raw.unspsc ?? '');
  if (!code) return 'The line has no UNSPSC code';
  if (isUnspscCode(code) && !scope.some((s) => unspscCovers(s, code))) return `UNSPSC code ${code} lies outside the agreement scope (${scope.join(', ')})`;
  return null;
}
