import { isUnspscCode, unspscCovers } from '../classification/unspsc-code';

/** A line and the code the supplier accepts for it. */
export interface CodeChoice {
  lineNumber: number;
  code: string;
}

/** What the check needs of a waiting line: the codes suggested for it. */
export interface WaitingLine {
  lineNo: number;
  suggestions: { code: string }[];
}

export interface ChoiceProblem extends CodeChoice {
  reason: string;
}

/**
 * Every reason to refuse the supplier's choices (all or nothing): a line named twice or not
 * waiting for a code, a code that is not 8 digits, not one suggested for that line, no longer
 * in the code set, or outside the agreement's scope. Pure.
 */
export function choiceProblems(choices: readonly CodeChoice[], waiting: ReadonlyMap<number, WaitingLine>, existing: ReadonlySet<string>, scope: readonly string[]): ChoiceProblem[] {
  const problems: ChoiceProblem[] = [];
  const seen = new Set<number>();
  for (const choice of choices) {
    const refuse = (reason: string) => problems.push({ ...choice, reason });
    const line = waiting.get(choice.lineNumber);
    if (seen.has(choice.lineNumber)) refuse(`line ${choice.lineNumber} is named more than once`);
    else if (!line) refuse(`line ${choice.lineNumber} does not wait for a UNSPSC code in this version`);
    else if (!isUnspscCode(choice.code)) refuse(`"${choice.code}" is not an 8-digit UNSPSC code`);
    else if (!line.suggestions.some((s) => s.code === choice.code)) {
      const offered = line.suggestions.map((s) => s.code).join(', ') || 'none';
      refuse(`${choice.code} is not one of the codes suggested for line ${choice.lineNumber} (${offered}); upload the line with the code you want instead`);
    } else if (!existing.has(choice.code)) refuse(`${choice.code} is no longer in the UNSPSC code set`);
    else if (!scope.some((s) => unspscCovers(s, choice.code))) refuse(`${choice.code} lies outside the agreement scope (${scope.join(', ')})`);
    seen.add(choice.lineNumber);
  }
  return problems;
}
