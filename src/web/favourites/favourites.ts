/**
 * Which favourite, if any, is this item: the same supplier item number under the same agreement
 * (a favourite outlives the catalogue version it was marked in, so the item id alone will not do).
 * Pure, unit-tested.
 */
export interface FavouriteKey {
  id: number;
  agreementId: number;
  sellerItemId: string;
  currentItemId?: string | null;
}

export function favouriteFor<F extends FavouriteKey>(favourites: readonly F[], item: { itemId: string; agreementId: number; sellerItemId: string }): F | undefined {
  return favourites.find((f) => f.currentItemId === item.itemId || (f.agreementId === item.agreementId && f.sellerItemId === item.sellerItemId));
}

/** A template's name as the API takes it: 2 to 100 characters once trimmed; the problem's i18n key otherwise. */
export function templateNameProblem(name: string): 'extra.templates.nameTooShort' | 'extra.templates.nameTooLong' | null {
  const trimmed = name.trim();
  if (trimmed.length < 2) return 'extra.templates.nameTooShort';
  if (trimmed.length > 100) return 'extra.templates.nameTooLong';
  return null;
}
