/**
 * Where the keyboard's focus goes after filter chips were removed (ActiveFilters): the chip now at
 * the removed one's place (its right-hand neighbour moved up), the new last one when the last was
 * removed, and null when none is left ("Fjern alle filtre" too), for the search box to take it.
 */
export function chipToFocus(removedAt: number, chipsLeft: number): number | null {
  return chipsLeft > 0 ? Math.min(removedAt, chipsLeft - 1) : null;
}
