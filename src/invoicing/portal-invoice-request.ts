/**
 * What makes two createInvoiceFromOrder requests the same request, for its idempotency key
 * (pure): the input as the supplier sent it, the key left out. Fields left out count as null, so
 * a retry that sends the same form is the same request even when Torg filled in the defaults.
 */
export interface PortalInvoiceRequest {
  orderId: number;
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  lines: { lineId: string; quantity: string }[] | null;
  paymentAccount: string;
  kid: string | null;
  note: string | null;
}

type Input = {
  orderId: number;
  invoiceNumber?: string | null;
  issueDate?: string | null;
  dueDate?: string | null;
  lines?: readonly { lineId: string; quantity: string }[] | null;
  paymentAccount: string;
  kid?: string | null;
  note?: string | null;
};

export function portalInvoiceRequest(input: Input): PortalInvoiceRequest {
  return {
    orderId: input.orderId,
    invoiceNumber: input.invoiceNumber ?? null,
    issueDate: input.issueDate ?? null,
    dueDate: input.dueDate ?? null,
    lines: input.lines ? input.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) : null,
    paymentAccount: input.paymentAccount,
    kid: input.kid ?? null,
    note: input.note ?? null,
  };
}

const FIELDS: readonly (keyof PortalInvoiceRequest)[] = ['orderId', 'invoiceNumber', 'issueDate', 'dueDate', 'lines', 'paymentAccount', 'kid', 'note'];

/** The input fields in which `again` differs from the request that took the key, in the input's order; empty when it is the same request. */
export function requestDifferences(first: PortalInvoiceRequest, again: PortalInvoiceRequest): string[] {
  return FIELDS.filter((f) => JSON.stringify(first[f] ?? null) !== JSON.stringify(again[f] ?? null));
}
