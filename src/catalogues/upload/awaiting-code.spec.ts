import type { RawCatalogueLine } from '../catalogue-line';
import { awaitingCodeReason } from './awaiting-code';

const line = (fields: Partial<RawCatalogueLine>): RawCatalogueLine => ({ lineNo: 2, location: 'line 2', action: '', attributes: {}, ...fields });

describe('awaitingCodeReason', () => {
  const scope = ['44120000', '14111500'];
  it('holds lines without a code, and lines with a code outside the scope', () => {
    expect(awaitingCodeReason(line({ unspsc: '' }), scope)).toBe('The line has no UNSPSC code');
    expect(awaitingCodeReason(line({ unspsc: '  ' }), scope)).toBe('The line has no UNSPSC code');
    expect(awaitingCodeReason(line({ unspsc: '43211708' }), scope)).toBe('UNSPSC code 43211708 lies outside the agreement scope (44120000, 14111500)');
  });
  it('leaves every other line to the validator', () => {
    expect(awaitingCodeReason(line({ unspsc: '44121704' }), scope)).toBeNull();
    expect(awaitingCodeReason(line({ unspsc: '4412' }), scope)).toBeNull(); // malformed: reported as such
    expect(awaitingCodeReason(line({ unspsc: '', action: 'Delete' }), scope)).toBeNull();
    expect(awaitingCodeReason(line({ unspsc: '', unspscListId: 'ZZZ' }), scope)).toBeNull();
    expect(awaitingCodeReason(line({ unspsc: '' }), [])).toBeNull();
  });
});
