import Decimal from 'decimal.js';
import { normaliseUnspsc, unspscCovers } from '../../classification/unspsc-code';
import { valuedDecimalText } from '../../platform/money/decimal-text';
import { Money } from '../../platform/money/money';
import { CatalogueItemInput, CatalogueProblem, CatalogueWarning, RawCatalogueLine } from '../catalogue-line';
import { isUnitCode, ISO_4217, NORWEGIAN_VAT_RATES } from './code-lists';
import { gtinProblem } from './gtin';
import { nearestExistingUnspsc, UnspscFallback, unspscLevelName } from './unspsc-fallback';

/** What a line is checked against: the agreement and the UNSPSC codes that exist. */
export interface LineRules {
  agreementValidFrom: string;
  agreementValidTo: string;
  agreementCurrency: string;
  scope: string[];
  unspscExists: (code: string) => boolean;
  /** What to do with a code not in the code set (STRICT when absent). */
  unspscFallback?: UnspscFallback;
}

/** Texts accepted for "orderable" (UBL writes true/false; spreadsheets say yes/no, ja/nei, 1/0). */
const ORDERABLE_TEXTS = new Map([
  ['true', true],
  ['yes', true],
  ['ja', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['nei', false],
  ['0', false],
]);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** C0 control characters other than tab and line breaks: PostgreSQL cannot store NUL, and none belongs in a catalogue. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_PRICE_DECIMALS = 4;
/** Prices are numeric(18,4): 14 digits before the decimal point. */
const MAX_PRICE_INTEGER_DIGITS = 14;
const PLAIN_PRICE = new RegExp(`^\\d+(\\.\\d{1,${MAX_PRICE_DECIMALS}})?$`);
/** Accepted VAT texts → the rate as stored ("25.00" → "25"); null for a text that is no Norwegian rate. */
const vatRates = new Map<string, string | null>();

export function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The Norwegian VAT rate a text means, or undefined; remembered, as a file repeats a handful of texts. */
/** The VAT rate as Norway's canonical percent text ("25", "15", "12", "0"), or undefined when it is none of them. */
export function norwegianVatRate(text: string): string | undefined {
  let rate = vatRates.get(text);
  if (rate === undefined) {
    rate = /^\d+(\.\d+)?$/.test(text) && NORWEGIAN_VAT_RATES.includes(new Decimal(text).toFixed()) ? new Decimal(text).toFixed() : null;
    if (vatRates.size < 1000) vatRates.set(text, rate);
  }
  return rate ?? undefined;
}

/**
 * Checks one line and returns either the clean item or every problem it has (never only the
 * first). Delete lines only need an identifier. Pure: the same input always gives the same report.
 */
export function validateLine(raw: RawCatalogueLine, rules: LineRules): { item?: CatalogueItemInput; problems: CatalogueProblem[]; warnings: CatalogueWarning[] } {
  const problems: CatalogueProblem[] = [];
  const warnings: CatalogueWarning[] = [];
  const at = (field: string) => raw.paths?.[field] ?? field;
  const problem = (field: string, reason: string, value?: string) => problems.push({ line: raw.lineNo, location: raw.location, field: at(field), reason, ...(value !== undefined ? { value } : {}) });
  const text = (v?: string) => (v ?? '').trim();

  const action = text(raw.action) || 'Add';
  if (!['Add', 'Update', 'Delete'].includes(action)) problem('action', 'must be Add, Update or Delete', action);
  const sellerItemId = text(raw.sellerItemId);
  const gtin = text(raw.gtin).replace(/\s/g, '');
  if (gtin) {
    const p = gtinProblem(gtin);
    if (p) problem('gtin', `GTIN ${p}`, gtin);
  }
  if (action === 'Delete') {
    if (!sellerItemId && !gtin) problem('sellerItemId', 'a Delete line needs the seller’s item id (or a GTIN)');
    const item = problems.length ? undefined : emptyDelete(raw.lineNo, sellerItemId, gtin);
    return { item, problems, warnings };
  }

  // One test over all the text first: the line-by-line look only runs for a line that has one.
  const attributeText = Object.entries(raw.attributes).map(([k, v]) => k + v);
  if (CONTROL_CHAR.test([raw.sellerItemId, raw.name, raw.description, raw.manufacturer, ...attributeText].join(''))) {
    const texts: [string, string | undefined][] = [
      ['sellerItemId', raw.sellerItemId],
      ['name', raw.name],
      ['description', raw.description],
      ['manufacturer', raw.manufacturer],
      ...Object.keys(raw.attributes).map((k, i): [string, string] => [`attributes.${k}`, attributeText[i]]),
    ];
    for (const [field, value] of texts) {
      const bad = value !== undefined ? CONTROL_CHAR.exec(value) : null;
      if (bad) problem(field, `contains the control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }
  if (!sellerItemId) problem('sellerItemId', 'is required');
  else if (sellerItemId.length > 100) problem('sellerItemId', 'must be at most 100 characters', sellerItemId.slice(0, 40) + '…');
  const name = text(raw.name).replace(/\s+/g, ' ');
  if (!name) problem('name', 'is required');
  else if (name.length > 500) problem('name', 'must be at most 500 characters');

  let unspsc = normaliseUnspsc(text(raw.unspsc));
  if (raw.unspscListId !== undefined && !['MP', 'TST'].includes(raw.unspscListId)) {
    problem('unspsc', `classification listID "${raw.unspscListId}" is not UNSPSC (expected MP or TST)`, unspsc);
  } else if (!unspsc) problem('unspsc', 'is required');
  else if (!/^\d{8}$/.test(unspsc)) problem('unspsc', 'must be an 8-digit UNSPSC code', unspsc);
  else {
    const written = unspsc;
    const nearest = rules.unspscExists(unspsc) || rules.unspscFallback !== 'NEAREST_LEVEL' ? undefined : nearestExistingUnspsc(unspsc, rules.unspscExists);
    if (nearest) {
      unspsc = nearest;
      warnings.push({
        line: raw.lineNo,
        location: raw.location,
        field: at('unspsc'),
        code: 'UNSPSC_NEAREST_LEVEL',
        message: `UNSPSC ${written} is not a known code; the item is classified at its ${unspscLevelName(nearest)} ${nearest}, as the agreement allows`,
        value: written,
      });
    }
    if (!rules.unspscExists(unspsc)) problem('unspsc', 'is not a known UNSPSC code', unspsc);
    else if (!rules.scope.some((s) => unspscCovers(s, unspsc))) problem('unspsc', `lies outside the agreement scope (${rules.scope.join(', ')})`, unspsc);
  }

  let price: string | undefined;
  const priceText = text(raw.price).replace(',', '.');
  const base = text(raw.baseQuantity).replace(',', '.');
  if (!priceText) problem('price', 'is required');
  else if (!/^\d+(\.\d+)?$/.test(priceText)) problem('price', 'must be a positive decimal number such as 149.90', raw.price);
  else if (priceText.replace(/^0+(?=\d)/, '').split('.')[0].length > MAX_PRICE_INTEGER_DIGITS) {
    problem('price', `may have at most ${MAX_PRICE_INTEGER_DIGITS} digits before the decimal point`, raw.price);
  } else if (!base && PLAIN_PRICE.test(priceText)) {
    // The common case needs no arithmetic: an amount with at most four decimals, checked as text.
    if (!/[1-9]/.test(priceText)) problem('price', 'must be greater than zero', raw.price);
    else price = valuedDecimalText(priceText);
  } else {
    // The price is in the agreement's currency (any other is reported below); a unit price keeps its decimals.
    let unitPrice = Money.of(priceText, rules.agreementCurrency);
    if (base) {
      if (!/^\d+(\.\d+)?$/.test(base) || new Decimal(base).isZero()) problem('baseQuantity', 'must be a positive number', raw.baseQuantity);
      else unitPrice = unitPrice.dividedBy(base);
    }
    if (!unitPrice.isPositive()) problem('price', 'must be greater than zero', raw.price);
    else if (unitPrice.decimalPlaces() > MAX_PRICE_DECIMALS) problem('price', `may have at most ${MAX_PRICE_DECIMALS} decimals (per unit)`, raw.price);
    else price = unitPrice.toDecimalString();
  }

  const currency = text(raw.currency).toUpperCase() || rules.agreementCurrency;
  if (!ISO_4217.has(currency)) problem('currency', 'is not an ISO 4217 currency code', raw.currency);
  else if (currency !== rules.agreementCurrency) problem('currency', `must be the agreement currency ${rules.agreementCurrency}`, currency);

  const vatText = text(raw.vatRate).replace('%', '').replace(',', '.').trim();
  let vatRate: string | undefined;
  if (!vatText) problem('vatRate', 'is required');
  else if (!(vatRate = norwegianVatRate(vatText))) problem('vatRate', `must be a Norwegian VAT rate (${NORWEGIAN_VAT_RATES.join(', ')} %)`, raw.vatRate);

  const unitCode = text(raw.unitCode).toUpperCase();
  if (!unitCode) problem('unitCode', 'is required');
  else if (!isUnitCode(unitCode)) problem('unitCode', 'is not a UN/ECE Recommendation 20 unit code (e.g. EA, PK, BX, KGM, LTR)', raw.unitCode);

  const validFrom = text(raw.validFrom) || null;
  const validTo = text(raw.validTo) || null;
  if (validFrom && !isRealDate(validFrom)) problem('validFrom', 'must be a date YYYY-MM-DD', validFrom);
  if (validTo && !isRealDate(validTo)) problem('validTo', 'must be a date YYYY-MM-DD', validTo);
  if (validFrom && validTo && isRealDate(validFrom) && isRealDate(validTo) && validTo < validFrom) problem('validTo', `is before validFrom ${validFrom}`, validTo);
  if (validFrom && isRealDate(validFrom) && (validFrom < rules.agreementValidFrom || validFrom > rules.agreementValidTo)) {
    problem('validFrom', `lies outside the agreement period ${rules.agreementValidFrom} – ${rules.agreementValidTo}`, validFrom);
  }
  if (validTo && isRealDate(validTo) && (validTo > rules.agreementValidTo || validTo < rules.agreementValidFrom)) {
    problem('validTo', `lies outside the agreement period ${rules.agreementValidFrom} – ${rules.agreementValidTo}`, validTo);
  }

  const orderableText = text(raw.orderable).toLowerCase();
  const orderable = orderableText ? ORDERABLE_TEXTS.get(orderableText) : true;
  if (orderable === undefined) problem('orderable', 'must be true or false', raw.orderable);

  if (problems.length) return { problems, warnings };
  return {
    problems,
    warnings,
    item: {
      lineNo: raw.lineNo,
      action: action as 'Add' | 'Update',
      sellerItemId,
      name,
      description: text(raw.description) || null,
      unspsc,
      price: price!,
      currency,
      vatRate: vatRate!,
      unitCode,
      gtin: gtin || null,
      manufacturer: text(raw.manufacturer) || null,
      validFrom,
      validTo,
      orderable: orderable!,
      attributes: raw.attributes,
    },
  };
}

function emptyDelete(lineNo: number, sellerItemId: string, gtin: string): CatalogueItemInput {
  return {
    lineNo,
    action: 'Delete',
    sellerItemId,
    name: '',
    description: null,
    unspsc: '',
    price: '0',
    currency: '',
    vatRate: '0',
    unitCode: '',
    gtin: gtin || null,
    manufacturer: null,
    validFrom: null,
    validTo: null,
    orderable: true,
    attributes: {},
  };
}
