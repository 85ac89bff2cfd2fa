import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drain, kontorlandErp } from './invoicing';
import { RULES } from './peppol-rules';
import { needShared } from './shared-data';
import { startTestApp, TestApp } from './test-app';

/**
 * The set-up the e2e files about Invoice Responses share: one app per file whose outbound
 * transport drops documents in a folder, the supplier's ERP key, the supplier's and accounts
 * payable's sign-ins, and the responses the transport delivered about an invoice.
 */
export interface InvoiceResponseApp {
  /** The app of this file (set in beforeAll). */
  readonly t: TestApp;
  /** Kontorland's ERP key, for POST /documents. */
  readonly erp: string;
  /** Kontorland's catalogue manager signed in. */
  readonly supplier: string;
  /** Storby's accounts payable signed in. */
  readonly ap: string;
  /** The response documents sent about an invoice, as the transport delivered them, oldest first (after draining the outbox); each was SENT. */
  delivered(invoiceId: number): Promise<{ code: string; file: string; xml: string }[]>;
}

/** Starts the app before the file's tests (outbound documents into a temporary folder) and closes it and removes the folder after them. */
export function useInvoiceResponseApp(folderPrefix: string): InvoiceResponseApp {
  // The T111 checks (if (RULES.found) …) are skipped without the rules, with a warning; in CI the file fails instead.
  needShared('the T111 checks of the Invoice Response tests', RULES);
  let started: { t: TestApp; folder: string; erp: string; supplier: string; ap: string } | undefined;
  beforeAll(async () => {
    const folder = join(await mkdtemp(join(tmpdir(), folderPrefix)), 'out');
    const t = await startTestApp({ OUTBOUND_TRANSPORT: 'folder', OUTBOUND_FOLDER: folder });
    started = { t, folder, erp: await kontorlandErp(t), supplier: await t.login('katalog@kontorland.example'), ap: await t.login('faktura@storby.example') };
  });
  afterAll(async () => {
    await started?.t.close();
    if (started) await rm(join(started.folder, '..'), { recursive: true, force: true });
  });
  const app = () => {
    if (!started) throw new Error('the app is not started yet (use it inside a test)');
    return started;
  };
  return {
    get t() {
      return app().t;
    },
    get erp() {
      return app().erp;
    },
    get supplier() {
      return app().supplier;
    },
    get ap() {
      return app().ap;
    },
    async delivered(invoiceId) {
      const { t, folder } = app();
      await drain(t);
      const rows = await t.sql(
        `SELECT r.code, d.transport_reference AS file, d.state FROM invoice_response r JOIN outbound_document d ON d.id = r.outbound_document_id WHERE r.invoice_id = $1 ORDER BY r.id`,
        [invoiceId],
      );
      return Promise.all(
        rows.map(async (r: { code: string; file: string; state: string }) => {
          expect(r.state).toBe('SENT');
          return { code: r.code, file: r.file, xml: await readFile(join(folder, r.file), 'utf8') };
        }),
      );
    },
  };
}
