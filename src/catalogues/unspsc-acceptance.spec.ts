import { choiceProblems, WaitingLine } from './unspsc-acceptance';

describe('choiceProblems', () => {
  const waiting = new Map<number, WaitingLine>([
    [2, { lineNo: 2, suggestions: [{ code: '44121704' }, { code: '44121701' }] }],
    [3, { lineNo: 3, suggestions: [{ code: '14111507' }] }],
    [4, { lineNo: 4, suggestions: [] }],
  ]);
  const existing = new Set(['44121704', '44121701', '14111507']);
  const scope = ['44120000', '14111500'];

  it('accepts suggested, existing codes inside the scope', () => {
    expect(
      choiceProblems(
        [
          { lineNumber: 2, code: '44121701' },
          { lineNumber: 3, code: '14111507' },
        ],
        waiting,
        existing,
        scope,
      ),
    ).toEqual([]);
  });

  it('says for each refused choice what is wrong', () => {
    const problems = choiceProblems(
      [
        { lineNumber: 2, code: '14111507' },
        { lineNumber: 3, code: '1411' },
        { lineNumber: 9, code: '44121704' },
        { lineNumber: 4, code: '44121704' },
        { lineNumber: 3, code: '14111507' },
      ],
      waiting,
      existing,
      scope,
    );
    expect(problems.map((p) => [p.lineNumber, p.reason])).toEqual([
      [2, '14111507 is not one of the codes suggested for line 2 (44121704, 44121701); upload the line with the code you want instead'],
      [3, '"1411" is not an 8-digit UNSPSC code'],
      [9, 'line 9 does not wait for a UNSPSC code in this version'],
      [4, '44121704 is not one of the codes suggested for line 4 (none); upload the line with the code you want instead'],
      [3, 'line 3 is named more than once'],
    ]);
  });

  it('refuses a suggested code that has since left the code set or the scope', () => {
    expect(choiceProblems([{ lineNumber: 2, code: '44121701' }], waiting, new Set(['44121704']), scope)[0].reason).toBe('44121701 is no longer in the UNSPSC code set');
    expect(choiceProblems([{ lineNumber: 2, code: '44121701' }], waiting, existing, ['14111500'])[0].reason).toBe('44121701 lies outside the agreement scope (14111500)');
  });
});
