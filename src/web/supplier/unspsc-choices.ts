/**
 * The codes the supplier chose for lines waiting for a UNSPSC code, kept by line number across
 * pages (choosing on page 2 keeps what was chosen on page 1), and turned into the API's
 * AcceptUnspscSuggestionsInput. An empty choice leaves the line waiting.
 */
export type UnspscChoices = Readonly<Record<number, string>>;

export function choose(choices: UnspscChoices, lineNumber: number, code: string): UnspscChoices {
  const next = { ...choices };
  if (code) next[lineNumber] = code;
  else delete next[lineNumber];
  return next;
}

export function toAcceptInput(versionId: number, choices: UnspscChoices): { versionId: number; lines: { lineNumber: number; code: string }[] } {
  return {
    versionId,
    lines: Object.entries(choices)
      .map(([line, code]) => ({ lineNumber: Number(line), code }))
      .sort((a, b) => a.lineNumber - b.lineNumber),
  };
}

/** A suggestion's confidence (0..1) as a whole percentage for people. */
export const percent = (confidence: number): number => Math.round(confidence * 100);
