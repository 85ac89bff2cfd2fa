import type { TFunction } from 'i18next';
import { parsePrice } from '../search/search-params';
import { parseQuantity } from './quantity';

export type JustificationCode = 'ITEM_NOT_IN_AGREEMENT' | 'SUPPLIER_CANNOT_DELIVER' | 'URGENT_NEED' | 'OTHER';
export const JUSTIFICATION_CODES: JustificationCode[] = ['ITEM_NOT_IN_AGREEMENT', 'SUPPLIER_CANNOT_DELIVER', 'URGENT_NEED', 'OTHER'];

/** The free-text form as typed (kept as typed across failed submits). */
export interface FreeTextDraft {
  description: string;
  quantity: string;
  unitCode: string;
  price: string;
  unspscCode: string;
  supplierName: string;
  vatRate: string;
  justificationCode: JustificationCode | '';
  justificationText: string;
}

export const EMPTY_FREE_TEXT: FreeTextDraft = {
  description: '',
  quantity: '1',
  unitCode: 'EA',
  price: '',
  unspscCode: '',
  supplierName: '',
  vatRate: '25',
  justificationCode: '',
  justificationText: '',
};

export type FreeTextErrors = Partial<Record<keyof FreeTextDraft, string>>;

/**
 * Checks the draft (pure): each problem by field, said so the user can fix it; the input for
 * addFreeTextToCart when there is none. The justification is checked only when it is asked for.
 */
export function checkFreeText(d: FreeTextDraft, needsJustification: boolean, t: TFunction): { errors: FreeTextErrors; input?: Record<string, unknown> } {
  const errors: FreeTextErrors = {};
  const label = (key: string) => t(`cart.freeText.${key}`);
  if (d.description.trim().length < 3)
    errors.description = d.description.trim() ? t('cart.freeText.tooShort', { field: label('description'), min: 3 }) : t('cart.freeText.required', { field: label('description') });
  const quantity = parseQuantity(d.quantity);
  if (!quantity) errors.quantity = t('cart.freeText.notNumber', { field: label('quantity') });
  if (!/^[A-Z0-9]{1,3}$/i.test(d.unitCode.trim())) errors.unitCode = t('cart.freeText.required', { field: label('unit') });
  const price = parsePrice(d.price);
  if (!price) errors.price = t('cart.freeText.notNumber', { field: label('price') });
  if (!/^\d{8}$/.test(d.unspscCode.trim())) errors.unspscCode = t('cart.freeText.notUnspsc');
  if (needsJustification) {
    if (!d.justificationCode) errors.justificationCode = t('cart.freeText.required', { field: label('justificationCode') });
    if (d.justificationText.trim().length < 3) errors.justificationText = t('cart.freeText.tooShort', { field: label('justificationText'), min: 3 });
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      description: d.description.trim(),
      quantity,
      unitCode: d.unitCode.trim().toUpperCase(),
      estimatedPrice: price,
      unspscCode: d.unspscCode.trim(),
      vatRate: d.vatRate,
      ...(d.supplierName.trim() ? { preferredSupplierName: d.supplierName.trim() } : {}),
      ...(needsJustification && d.justificationCode ? { justification: { code: d.justificationCode, text: d.justificationText.trim() } } : {}),
    },
  };
}
