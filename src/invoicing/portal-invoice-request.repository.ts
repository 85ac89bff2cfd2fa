import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import type { PortalInvoiceRequest } from './portal-invoice-request';

/** The one home of the SQL on `portal_invoice_request`: the portal's idempotency keys and the invoices they made. */
@Injectable()
export class PortalInvoiceRequestRepository {
  /** Holds (supplier, key) until the transaction ends, so two requests with one key run one after the other (on any server). */
  async lock(tx: RequestContext, supplierOrganisationId: number, key: string): Promise<void> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('portal_invoice_request'), hashtext($1 || '/' || $2))`, [String(supplierOrganisationId), key]);
  }

  async find(tx: RequestContext, supplierOrganisationId: number, key: string): Promise<{ request: PortalInvoiceRequest; invoiceId: number } | null> {
    const [row] = await tx.manager.query('SELECT request, invoice_id AS "invoiceId" FROM portal_invoice_request WHERE supplier_organisation_id = $1 AND idempotency_key = $2', [
      supplierOrganisationId,
      key,
    ]);
    return row ?? null;
  }

  async insert(tx: RequestContext, supplierOrganisationId: number, key: string, request: PortalInvoiceRequest, invoiceId: number): Promise<void> {
    await tx.manager.query('INSERT INTO portal_invoice_request (supplier_organisation_id, idempotency_key, request, invoice_id) VALUES ($1, $2, $3, $4)', [
      supplierOrganisationId,
      key,
      JSON.stringify(request),
      invoiceId,
    ]);
  }
}
