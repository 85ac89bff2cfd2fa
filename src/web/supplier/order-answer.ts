/**
 * The supplier's answer to an order, as typed in the form, checked and turned into the API's
 * RespondToOrderInput. PEPPOL's rules: accept (AP) and reject (RE) carry no lines; an answer
 * that changes or refuses lines is a conditional acceptance (CA), and lines it does not name are
 * accepted. Decimal input takes a comma (nb-NO) and is sent with a point, never as a float.
 */
export type LineChoice = 'ACCEPTED' | 'CHANGED' | 'NOT_ACCEPTED';

export interface LineDraft {
  lineId: string;
  choice: LineChoice;
  /** As typed; empty keeps the ordered value. */
  quantity: string;
  price: string;
  /** YYYY-MM-DD (a date input), or empty. */
  deliveryDate: string;
  /** The item delivered instead (CHANGED): its item number and name, both or neither; GTIN optional. */
  substituteSellerItemId?: string;
  substituteName?: string;
  substituteGtin?: string;
}

export interface AnswerDraft {
  decision: 'ACCEPTED' | 'REJECTED' | 'LINES';
  note: string;
  lines: LineDraft[];
}

export interface FieldError {
  /** The form field: `note`, or `<lineId>.quantity` / `.price` / `.deliveryDate` / `.choice`. */
  field: string;
  /** i18n key of the message. */
  key: string;
}

export interface RespondInput {
  orderId: number;
  expectedVersion?: number;
  responseCode: 'ACCEPTED' | 'REJECTED' | 'CONDITIONALLY_ACCEPTED';
  note?: string;
  lines?: {
    lineId: string;
    status: LineChoice;
    quantity?: string;
    price?: string;
    promisedDeliveryStart?: string;
    promisedDeliveryEnd?: string;
    substitute?: { sellerItemId: string; name: string; gtin?: string };
  }[];
}

/** "1 234,50" → "1234.50"; null when not a plain non-negative decimal. */
export function parseDecimal(typed: string): string | null {
  const s = typed.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? s : null;
}

/** The problems of a draft (empty when it can be sent). */
export function checkAnswer(draft: AnswerDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (draft.note.length > 1000) errors.push({ field: 'note', key: 'supplier.answer.errors.noteTooLong' });
  if (draft.decision === 'REJECTED' && draft.note.trim().length < 3) errors.push({ field: 'note', key: 'supplier.answer.errors.reasonRequired' });
  if (draft.decision !== 'LINES') return errors;
  if (!draft.lines.some((l) => l.choice !== 'ACCEPTED')) errors.push({ field: 'lines', key: 'supplier.answer.errors.nothingChanged' });
  for (const l of draft.lines) {
    if (l.choice !== 'CHANGED') continue;
    const quantity = l.quantity.trim() ? parseDecimal(l.quantity) : '';
    const price = l.price.trim() ? parseDecimal(l.price) : '';
    if (quantity === null || quantity === '0' || /^0(\.0+)?$/.test(quantity ?? '')) errors.push({ field: `${l.lineId}.quantity`, key: 'supplier.answer.errors.quantity' });
    if (price === null) errors.push({ field: `${l.lineId}.price`, key: 'supplier.answer.errors.price' });
    if (l.deliveryDate && !/^\d{4}-\d{2}-\d{2}$/.test(l.deliveryDate)) errors.push({ field: `${l.lineId}.deliveryDate`, key: 'supplier.answer.errors.date' });
    const substitute = substituteOf(l);
    if (substitute === null) {
      const missing = l.substituteSellerItemId?.trim() ? 'substituteName' : 'substituteSellerItemId';
      errors.push({ field: `${l.lineId}.${missing}`, key: 'supplierPortal.answer.substituteBoth' });
    }
    if (l.substituteGtin?.trim() && !/^(\d{8}|\d{12,14})$/.test(l.substituteGtin.trim())) errors.push({ field: `${l.lineId}.substituteGtin`, key: 'supplierPortal.answer.gtin' });
    if (quantity === '' && price === '' && !l.deliveryDate && substitute === undefined) errors.push({ field: `${l.lineId}.choice`, key: 'supplier.answer.errors.changeNothing' });
  }
  return errors;
}

/** The substitute of a line: undefined when none is typed, null when half of it is (item number without name or the reverse). */
export function substituteOf(l: LineDraft): { sellerItemId: string; name: string; gtin?: string } | undefined | null {
  const sellerItemId = l.substituteSellerItemId?.trim() ?? '';
  const name = l.substituteName?.trim() ?? '';
  if (!sellerItemId && !name) return undefined;
  if (!sellerItemId || !name) return null;
  const gtin = l.substituteGtin?.trim();
  return { sellerItemId, name, ...(gtin ? { gtin } : {}) };
}

/** The API input of a draft that checkAnswer passed. */
export function toRespondInput(orderId: number, draft: AnswerDraft, expectedVersion?: number): RespondInput {
  const note = draft.note.trim() || undefined;
  const base = { orderId, ...(expectedVersion !== undefined ? { expectedVersion } : {}), ...(note ? { note } : {}) };
  if (draft.decision !== 'LINES') return { ...base, responseCode: draft.decision };
  const lines = draft.lines
    .filter((l) => l.choice !== 'ACCEPTED')
    .map((l) => {
      if (l.choice === 'NOT_ACCEPTED') return { lineId: l.lineId, status: l.choice };
      const quantity = l.quantity.trim() ? parseDecimal(l.quantity)! : undefined;
      const price = l.price.trim() ? parseDecimal(l.price)! : undefined;
      const date = l.deliveryDate || undefined;
      const substitute = substituteOf(l) ?? undefined;
      return {
        lineId: l.lineId,
        status: l.choice,
        ...(quantity ? { quantity } : {}),
        ...(price ? { price } : {}),
        ...(date ? { promisedDeliveryStart: date, promisedDeliveryEnd: date } : {}),
        ...(substitute ? { substitute } : {}),
      };
    });
  return { ...base, responseCode: 'CONDITIONALLY_ACCEPTED', lines };
}
