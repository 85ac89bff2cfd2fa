import { DataSource } from 'typeorm';
import { InvoiceRepository } from '../src/invoicing/invoice.repository';
import { InvoiceStatus } from '../src/invoicing/invoice-status';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { storedInvoice } from './support/stored-invoices';
import { startTestApp, TestApp } from './support/test-app';

/** InvoiceRepository.save (plain SQL over the entity's columns): every field written, the optimistic lock on `version`. */
describe('saving an invoice', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('writes every changed field and bumps the version; a copy read before that is refused with CONFLICT and writes nothing', async () => {
    const { orgs } = t.world;
    const id = await storedInvoice(t, { number: 'SAVE-1', supplierId: orgs.kontorland, buyerOrganisationId: orgs.kommune, net: '100.00', status: InvoiceStatus.EXCEPTION });
    const ds = t.app.get(DataSource);
    const invoices = t.app.get(InvoiceRepository);
    const ctx = new RequestContext(undefined, ds.manager);
    const [first, stale] = [await invoices.find(ctx, id), await invoices.find(ctx, id)];
    const [{ updated_at: before }] = await t.sql('SELECT updated_at FROM invoice WHERE id = $1', [id]);

    Object.assign(first!, { status: InvoiceStatus.APPROVED, decisionReason: 'checked by hand', decidedAt: new Date('2026-11-21T10:00:00Z'), dueDate: '2027-01-15' });
    await inTransaction(ds, ctx, (tx) => invoices.save(tx, first!));
    expect(first!.version).toBe(stale!.version + 1);
    const [row] = await t.sql('SELECT status, decision_reason, decided_at, due_date::text, version, updated_at, invoice_number FROM invoice WHERE id = $1', [id]);
    expect(row).toMatchObject({ status: 'APPROVED', decision_reason: 'checked by hand', due_date: '2027-01-15', version: first!.version, invoice_number: 'SAVE-1' });
    expect(new Date(row.decided_at).toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(new Date(row.updated_at).getTime()).toBeGreaterThan(new Date(before).getTime());

    stale!.status = InvoiceStatus.WAITING;
    await expect(inTransaction(ds, ctx, (tx) => invoices.save(tx, stale!))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Invoice SAVE-1 was changed by someone else meanwhile; read it again and retry',
    });
    expect(await t.sql('SELECT status, version FROM invoice WHERE id = $1', [id])).toEqual([{ status: 'APPROVED', version: first!.version }]);
  });
});
