import Decimal from 'decimal.js';
import type { Problem } from '../exchange/document-handlers';
import { valuedDecimalText } from '../platform/money/decimal-text';
import { ORDER_RESPONSE_CODES, UblOrderResponse, UblOrderResponseLine, UblText } from '../peppol';
import type { LineCodeValue, ResponseCodeValue } from './order-response.entity';
import type { OrderResponseInput, ResponseLineInput } from './order-response-rules';

const LINE_CODES: readonly string[] = ['5', '7', '3'];
const NUMBER = /^\d{1,14}(\.\d+)?$/;
/** GTIN schemes: 0160 (GS1), and 0088 (GLN) which older documents use for GTINs too. */
const GTIN_SCHEMES = new Set(['0160', '0088']);

const value = (t: UblText | undefined) => t?.value.trim() || undefined;
/** A number as valued, not as written ("120.000…" → "120"): judged and stored by its value (issue 16). */
const decimalValue = (t: UblText | undefined) => {
  const text = value(t);
  return text === undefined ? undefined : valuedDecimalText(text);
};

/**
 * A received Order Response as the answer the ordering rules check (order-response-rules.ts),
 * or the problems that keep it from being one: a code that is no UNCL 4343 / line status code,
 * a line without its order line reference, amounts in another currency than the order's, a
 * price that is no number. The unit price is PriceAmount / BaseQuantity (1 when absent). Pure.
 */
export function answerFromUbl(doc: UblOrderResponse, currency: string): { answer?: OrderResponseInput; problems: Problem[] } {
  const problems: Problem[] = [];
  const code = value(doc.responseCode);
  if (!code || !(ORDER_RESPONSE_CODES as readonly string[]).includes(code)) {
    problems.push({ path: doc.responseCode?.path ?? '/OrderResponse/cbc:OrderResponseCode', message: `cbc:OrderResponseCode must be AP, RE, CA or AB${code ? `, not "${code}"` : ''}` });
  }
  const documentCurrency = value(doc.currency);
  if (documentCurrency && documentCurrency !== currency) problems.push({ path: doc.currency!.path, message: `The order is in ${currency}, the response in ${documentCurrency}` });
  const lines = doc.lines.map((l) => lineFromUbl(l, currency, problems));
  if (problems.length) return { problems };
  return {
    answer: {
      responseCode: code as ResponseCodeValue,
      note: value(doc.note) ?? null,
      issueDate: value(doc.issueDate) ?? null,
      promisedDeliveryStart: value(doc.promisedDeliveryPeriod?.startDate) ?? null,
      promisedDeliveryEnd: value(doc.promisedDeliveryPeriod?.endDate) ?? null,
      lines: lines as ResponseLineInput[],
    },
    problems,
  };
}

function lineFromUbl(line: UblOrderResponseLine, currency: string, problems: Problem[]): ResponseLineInput | undefined {
  const at = line.path;
  const lineId = value(line.orderLineId);
  if (!lineId) problems.push({ path: `${at}/cac:OrderLineReference/cbc:LineID`, message: 'The line names no order line (cac:OrderLineReference/cbc:LineID)' });
  const code = value(line.statusCode);
  if (!code || !LINE_CODES.includes(code)) {
    problems.push({
      path: line.statusCode?.path ?? `${at}/cac:LineItem/cbc:LineStatusCode`,
      message: `cbc:LineStatusCode must be 5 (accepted), 7 (not accepted) or 3 (changed)${code ? `, not "${code}"` : ''}`,
    });
  }
  const price = unitPrice(line, currency, problems);
  const substituted = line.substitutedItem;
  const substituteId = value(substituted?.item?.sellersItemId) ?? value(substituted?.id);
  const substituteName = value(substituted?.item?.name);
  if (substituted && (!substituteId || !substituteName)) {
    problems.push({ path: substituted.path, message: 'A substituted item needs its name and the seller’s item id (cac:SellersItemIdentification/cbc:ID)' });
  }
  const standard = substituted?.item?.standardItemId;
  if (!lineId || !code || !LINE_CODES.includes(code)) return undefined;
  return {
    lineId,
    code: code as LineCodeValue,
    quantity: decimalValue(line.quantity) ?? null,
    unitCode: line.quantity?.unitCode ?? null,
    price,
    promisedDeliveryStart: value(line.promisedDeliveryPeriod?.startDate) ?? null,
    promisedDeliveryEnd: value(line.promisedDeliveryPeriod?.endDate) ?? null,
    substitute:
      substituteId && substituteName ? { sellerItemId: substituteId, name: substituteName, gtin: standard && GTIN_SCHEMES.has(standard.schemeId ?? '') ? (value(standard) ?? null) : null } : null,
    note: value(line.note) ?? null,
    path: at,
  };
}

/** PriceAmount / BaseQuantity as a decimal text, or null when the line names no price. */
function unitPrice(line: UblOrderResponseLine, currency: string, problems: Problem[]): string | null {
  const amount = line.priceAmount;
  if (!amount) return null;
  const priceCurrency = value(amount.currency);
  if (priceCurrency && priceCurrency !== currency) problems.push({ path: amount.currency!.path, message: `The price is in ${priceCurrency}, the order in ${currency}` });
  const written = decimalValue(amount) ?? '';
  if (!NUMBER.test(written)) {
    problems.push({ path: amount.path, message: `cbc:PriceAmount "${written}" is no amount Torg holds: not negative, at most 14 digits before the decimal point` });
    return null;
  }
  const base = decimalValue(line.baseQuantity) ?? '1';
  if (!NUMBER.test(base) || new Decimal(base).isZero()) {
    problems.push({ path: line.baseQuantity!.path, message: `cbc:BaseQuantity "${base}" must be a positive number` });
    return null;
  }
  const price = new Decimal(written).dividedBy(base);
  if (price.decimalPlaces() > 4) {
    problems.push({ path: amount.path, message: `The unit price ${written} / ${base} has more than 4 decimals; give the price per unit` });
    return null;
  }
  return price.toFixed();
}
