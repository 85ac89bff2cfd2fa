/**
 * A state machine as a table: from-state → event → to-state. An event missing from a state's row
 * is not allowed there. Pure, so a domain's table is tested without a database.
 */
export type TransitionTable<S extends string, E extends string> = Record<S, Partial<Record<E, S>>>;

/** The state after `event`, or null when the table does not allow `event` from `from`. */
export function nextState<S extends string, E extends string>(table: TransitionTable<S, E>, from: S, event: E): S | null {
  return table[from]?.[event] ?? null;
}

/** "<subject> is <state> and cannot be <event done>", e.g. "Order 7 is SENT and cannot be cancelled". */
export function refusalMessage(subject: string, state: string, eventDone: string): string {
  return `${subject} is ${state} and cannot be ${eventDone}`;
}
