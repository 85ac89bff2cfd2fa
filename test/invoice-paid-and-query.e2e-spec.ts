import { acceptedOrder, drain, ERROR, postDocument, receive } from './support/invoicing';
import { createAgreement } from './support/fixtures';
import { quickInvoiceXml } from './support/invoices';
import { fatalRules, RULES } from './support/peppol-rules';
import { useInvoiceResponseApp } from './support/invoice-responses';
import type { TestApp } from './support/test-app';

/**
 * Paid and under query (issue 16 §3), over HTTP against the real database: accounts payable (a
 * person or the finance system) marks approved invoices paid, and puts an exception under query
 * to the supplier; each step goes through the invoice's state table, is audited, and is answered
 * with an Invoice Response (PD, UQ) through the outbound transport that passes the official T111
 * rules. The supplier sees the status and every response; invoices link to the XML they came as;
 * an invoice in another currency than its order or agreement says so precisely.
 */

const T111 = 'PEPPOLBIS-T111.sef.json';
const INVOICE = `query($id: Int!) { invoice(id: $id) { id status version responseCode paidOn paymentReference decisionReason documentPath
  reasons { code message expected actual } responses { code reasons { code text } note } } }`;
const PAID_FIELDS = `__typename ... on InvoicesPaid { newlyPaid invoices { id status paidOn paymentReference responseCode } }
  ... on InvoicesNotPayableError { invoices { invoiceId status message } } ${ERROR}`;
const MARK_PAID = `mutation($i: MarkInvoicesPaidInput!) { markInvoicesPaid(input: $i) { ${PAID_FIELDS} } }`;
const QUERY = `mutation($i: QueryInvoiceInput!) { queryInvoice(input: $i) { __typename ... on Invoice { status responseCode version } ... on InvoiceStateError { status } ${ERROR} } }`;
const APPROVE = `mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename ... on Invoice { status responseCode } ${ERROR} } }`;
const DISPUTE = `mutation($i: DisputeInvoiceInput!) { disputeInvoice(input: $i) { __typename ... on Invoice { status responseCode } ${ERROR} } }`;

/** Today in Norway, as the service reckons a payment date "not in the future". */
const osloToday = (offsetDays = 0) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe('invoices paid and under query', () => {
  const responses = useInvoiceResponseApp('torg-paid-query-');
  let t: TestApp;
  let erp: string;
  let supplier: string;
  let ap: string;
  let serial = 0;
  const number = (prefix: string) => `${prefix}-${++serial}`;

  const delivered = (invoiceId: number) => responses.delivered(invoiceId);
  const expectValid = (xml: string) => {
    if (RULES.found) expect(fatalRules(T111, xml)).toEqual([]);
  };
  const invoiceOf = async (id: number, token = ap) => (await t.gql(token, INVOICE, { id })).data.invoice;
  const audits = (id: number, action: string) => t.sql(`SELECT data FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 AND action = $2 ORDER BY id`, [String(id), action]);

  /** An invoice of Kontorland to Nordby skole for `quantity` A4 packs at `price` (45.07 is the agreed price), of an accepted order of which `received` arrived. */
  async function invoiceFor(opts: {
    price: string;
    quantity?: string;
    received?: string;
    currency?: string;
  }): Promise<{ id: number; status: string; orderId: number; orderNumber: string; number: string }> {
    const quantity = opts.quantity ?? '10';
    const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity }]);
    const received = opts.received ?? quantity;
    if (received !== '0') await receive(t, order.id, [{ lineId: '1', quantity: received }]);
    const id = number('F');
    const posted = await postDocument(
      t,
      erp,
      quickInvoiceXml({ id, orderReference: order.number, currency: opts.currency, lines: [{ quantity, price: opts.price, orderLineId: '1', sellerItemId: 'KL-100' }] }),
    );
    expect(posted.status).toBe(201);
    return { id: Number(posted.body.id), status: posted.body.status, orderId: order.id, orderNumber: order.number, number: id };
  }

  beforeAll(() => ({ t, erp, supplier, ap } = responses));

  describe('paid (PD)', () => {
    it('marks approved invoices paid through the state table, audited, and answers each supplier PD with the payment date', async () => {
      const a = await invoiceFor({ price: '45.07' });
      const b = await invoiceFor({ price: '45.07', quantity: '2' });
      expect([a.status, b.status]).toEqual(['APPROVED', 'APPROVED']);
      const paidOn = osloToday();
      const paid = await t.gql(ap, MARK_PAID, { i: { invoiceIds: [b.id, a.id], paidOn, paymentReference: 'BETALING-2026-48' } });
      expect(paid.data.markInvoicesPaid).toEqual({
        __typename: 'InvoicesPaid',
        newlyPaid: 2,
        invoices: [b, a].map((i) => ({ id: i.id, status: 'PAID', paidOn, paymentReference: 'BETALING-2026-48', responseCode: 'PD' })),
      });

      const [accepted, paidResponse] = await delivered(a.id);
      expect([accepted.code, paidResponse.code]).toEqual(['AP', 'PD']);
      expectValid(paidResponse.xml);
      expect(paidResponse.xml).toMatch(new RegExp(`<cbc:ResponseCode>PD</cbc:ResponseCode>\\s*<cbc:EffectiveDate>${paidOn}</cbc:EffectiveDate>`));
      expect(paidResponse.xml).toContain(`<cbc:Note>Paid ${paidOn}, payment reference BETALING-2026-48.</cbc:Note>`);
      expect(paidResponse.xml).toMatch(new RegExp(`<cac:DocumentReference>\\s*<cbc:ID>${a.number}</cbc:ID>`));
      expect((await delivered(b.id)).map((r) => r.code)).toEqual(['AP', 'PD']);

      const audited = await audits(a.id, 'invoice.paid');
      expect(audited).toEqual([{ data: { from: 'APPROVED', to: 'PAID', paidOn, paymentReference: 'BETALING-2026-48', amount: '563.38', paidAmount: '563.38' } }]);
      const [row] = await t.sql(`SELECT status, paid_on::text, payment_reference, response_code, version FROM invoice WHERE id = $1`, [a.id]);
      expect(row).toMatchObject({ status: 'PAID', paid_on: paidOn, payment_reference: 'BETALING-2026-48', response_code: 'PD' });

      // The same payment reported again (a retried payment file) changes nothing and sends nothing.
      const again = await t.gql(ap, MARK_PAID, { i: { invoiceIds: [a.id], paidOn, paymentReference: 'BETALING-2026-48' } });
      expect(again.data.markInvoicesPaid).toMatchObject({ __typename: 'InvoicesPaid', newlyPaid: 0, invoices: [{ id: a.id, status: 'PAID' }] });
      expect(await audits(a.id, 'invoice.paid')).toHaveLength(1);
      expect(await t.sql(`SELECT id FROM invoice_response WHERE invoice_id = $1`, [a.id])).toHaveLength(2);
      expect((await t.sql(`SELECT version FROM invoice WHERE id = $1`, [a.id]))[0].version).toBe(row.version);

      // Another payment of a paid invoice is refused, naming the first.
      const other = await t.gql(ap, MARK_PAID, { i: { invoiceIds: [a.id], paidOn: osloToday(-1) } });
      expect(other.data.markInvoicesPaid).toMatchObject({
        __typename: 'InvoicesNotPayableError',
        errorCode: 'INVOICES_NOT_PAYABLE',
        invoices: [{ invoiceId: a.id, status: 'PAID', message: `Invoice ${a.number} was paid on ${paidOn} (reference BETALING-2026-48) already` }],
      });
    });

    it('refuses a whole payment report with an invoice not approved or a credit note in it, and a payment date in the future, marking nothing', async () => {
      const approved = await invoiceFor({ price: '45.07' });
      const exception = await invoiceFor({ price: '50.00' });
      expect(exception.status).toBe('EXCEPTION');
      const credit = await postDocument(
        t,
        erp,
        quickInvoiceXml({ kind: 'CreditNote', id: number('K'), orderReference: approved.orderNumber, billingReference: approved.number, lines: [{ quantity: '1', price: '45.07', orderLineId: '1' }] }),
      );
      expect(credit.body.status).toBe('APPROVED');
      const creditId = Number(credit.body.id);

      const refused = await t.gql(ap, MARK_PAID, { i: { invoiceIds: [approved.id, exception.id, creditId], paidOn: osloToday() } });
      expect(refused.data.markInvoicesPaid).toEqual({
        __typename: 'InvoicesNotPayableError',
        errorCode: 'INVOICES_NOT_PAYABLE',
        message: expect.stringMatching(/^2 of the invoices cannot be marked paid, so none was/),
        invoices: [
          { invoiceId: exception.id, status: 'EXCEPTION', message: `Invoice ${exception.number} is EXCEPTION: only an approved invoice is paid` },
          { invoiceId: creditId, status: 'APPROVED', message: expect.stringContaining('is a credit note: it is settled against the supplier') },
        ],
      });
      const future = await t.gql(ap, MARK_PAID, { i: { invoiceIds: [approved.id], paidOn: osloToday(2) } });
      expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(future.errors?.[0].message).toMatch(/paidOn \d{4}-\d{2}-\d{2} is in the future/);
      const notADate = await t.gql(ap, MARK_PAID, { i: { invoiceIds: [approved.id], paidOn: '1.12.2026' } });
      expect(notADate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

      const rows = await t.sql(`SELECT id, status, paid_on FROM invoice WHERE id = ANY($1) ORDER BY id`, [[approved.id, exception.id, creditId]]);
      expect(rows.map((r) => [r.status, r.paid_on])).toEqual([
        ['APPROVED', null],
        ['EXCEPTION', null],
        ['APPROVED', null],
      ]);
      expect(await t.sql(`SELECT id FROM invoice_response WHERE invoice_id = $1 AND code = 'PD'`, [approved.id])).toEqual([]);
    });

    it('lets the finance system report payments as a machine client, still exports a paid invoice for posting once, and counts paid quantities as invoiced', async () => {
      const operator = await t.login('operator@torg.example');
      const registered = await t.gql(operator, `mutation($i: RegisterMachineClientInput!) { registerMachineClient(input: $i) { __typename ... on MachineClient { id } } }`, {
        i: { organisationId: t.world.orgs.kommune, clientId: 'storby-regnskap', name: 'Storby regnskap', roles: ['ACCOUNTS_PAYABLE'] },
      });
      expect(registered.data?.registerMachineClient.__typename).toBe('MachineClient');
      const finance = (await t.gql(null, 'mutation($c: String) { devClientToken(clientId: $c) { token } }', { c: 'storby-regnskap' })).data.devClientToken.token;

      const invoice = await invoiceFor({ price: '45.07', quantity: '3' });
      const paid = await t.gql(finance, MARK_PAID, { i: { invoiceIds: [invoice.id], paidOn: osloToday() } });
      expect(paid.data.markInvoicesPaid).toMatchObject({ __typename: 'InvoicesPaid', newlyPaid: 1, invoices: [{ status: 'PAID', paymentReference: null }] });
      const [audit] = await t.sql(`SELECT actor_user_id FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 AND action = 'invoice.paid'`, [String(invoice.id)]);
      expect(audit.actor_user_id).toBeNull();

      const exported = await t.gql(ap, `mutation { createPostingExport { __typename ... on PostingExportBatch { id } } }`);
      expect(exported.data.createPostingExport.__typename).toBe('PostingExportBatch');
      expect(await t.sql(`SELECT batch_id FROM posting_export_item WHERE invoice_id = $1`, [invoice.id])).toEqual([{ batch_id: exported.data.createPostingExport.id }]);

      // Paid means invoiced: a second invoice for the same three packs is more than was ordered.
      const again = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: invoice.orderNumber, lines: [{ quantity: '3', price: '45.07', orderLineId: '1' }] }));
      expect(again.body.status).toBe('EXCEPTION');
      expect((await invoiceOf(Number(again.body.id))).reasons.map((r: { code: string }) => r.code)).toContain('QUANTITY_ABOVE_ORDERED');
    });
  });

  describe('partly paid (PD with PPD)', () => {
    const PAID_PART = `__typename ... on InvoicesPaid { newlyPaid invoices { id status paidOn paidAmount responseCode } }
      ... on InvoicesNotPayableError { invoices { invoiceId status message } } ${ERROR}`;
    const PAY = `mutation($i: MarkInvoicesPaidInput!) { markInvoicesPaid(input: $i) { ${PAID_PART} } }`;

    it('tells two genuine part payments of the same amount on the same day apart by their references, and takes an unreferenced repeat for a retry', async () => {
      const invoice = await invoiceFor({ price: '45.07' });
      const paidOn = osloToday();
      const pay = (amount: string, paymentReference?: string) =>
        t.gql(ap, PAY, { i: { invoiceIds: [invoice.id], paidOn, ...(paymentReference ? { paymentReference } : {}), paidAmounts: [{ invoiceId: invoice.id, amount }] } });
      expect((await pay('200.00', 'DELBETALING-1')).data.markInvoicesPaid).toMatchObject({ newlyPaid: 1, invoices: [{ status: 'PARTLY_PAID', paidAmount: '200.00' }] });
      expect((await pay('200.00', 'DELBETALING-1')).data.markInvoicesPaid).toMatchObject({ newlyPaid: 0, invoices: [{ paidAmount: '200.00' }] });
      expect((await pay('200.00', 'DELBETALING-1B')).data.markInvoicesPaid).toMatchObject({ newlyPaid: 1, invoices: [{ status: 'PARTLY_PAID', paidAmount: '400.00' }] });
      expect((await pay('0.50')).data.markInvoicesPaid).toMatchObject({ newlyPaid: 1, invoices: [{ paidAmount: '400.50' }] });
      expect((await pay('0.50')).data.markInvoicesPaid).toMatchObject({ newlyPaid: 0, invoices: [{ paidAmount: '400.50' }] });
      expect(await t.sql(`SELECT payment_reference, amount::text FROM invoice_payment WHERE invoice_id = $1 ORDER BY id`, [invoice.id])).toEqual([
        { payment_reference: 'DELBETALING-1', amount: '200.00' },
        { payment_reference: 'DELBETALING-1B', amount: '200.00' },
        { payment_reference: null, amount: '0.50' },
      ]);
    });

    it('keeps an invoice PARTLY_PAID after a part payment (PD with PPD and the amounts), refuses over-payment precisely, and completes it with the rest', async () => {
      // 10 × 45.07 = 450.70 + 25 % VAT 112.68 = 563.38 payable.
      const invoice = await invoiceFor({ price: '45.07' });
      expect(invoice.status).toBe('APPROVED');
      const paidOn = osloToday();
      const part = await t.gql(ap, PAY, { i: { invoiceIds: [invoice.id], paidOn, paymentReference: 'DELBETALING-1', paidAmounts: [{ invoiceId: invoice.id, amount: '200.00' }] } });
      expect(part.data.markInvoicesPaid).toEqual({
        __typename: 'InvoicesPaid',
        newlyPaid: 1,
        invoices: [{ id: invoice.id, status: 'PARTLY_PAID', paidOn, paidAmount: '200.00', responseCode: 'PD' }],
      });
      const [, partResponse] = await delivered(invoice.id);
      expect(partResponse.code).toBe('PD');
      expectValid(partResponse.xml);
      expect(partResponse.xml).toMatch(
        /<cbc:ResponseCode>PD<\/cbc:ResponseCode>\s*<cbc:EffectiveDate>[\d-]+<\/cbc:EffectiveDate>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusReason">PPD<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Partially paid: 200.00 NOK of 563.38 NOK paid, 363.38 NOK remains to be paid.<\/cbc:StatusReason>/,
      );
      expect(partResponse.xml).toContain(`<cbc:Note>Paid 200.00 NOK on ${paidOn}, payment reference DELBETALING-1.</cbc:Note>`);
      expect(await audits(invoice.id, 'invoice.partly-paid')).toEqual([
        { data: { from: 'APPROVED', to: 'PARTLY_PAID', paidOn, paymentReference: 'DELBETALING-1', amount: '200.00', paidAmount: '200.00' } },
      ]);
      // The supplier sees what was paid.
      expect(await invoiceOf(invoice.id, supplier)).toMatchObject({ status: 'PARTLY_PAID', responseCode: 'PD', responses: [{ code: 'AP' }, { code: 'PD', reasons: [{ code: 'PPD' }] }] });

      // The same part payment reported again changes nothing.
      const again = await t.gql(ap, PAY, { i: { invoiceIds: [invoice.id], paidOn, paymentReference: 'DELBETALING-1', paidAmounts: [{ invoiceId: invoice.id, amount: '200' }] } });
      expect(again.data.markInvoicesPaid).toMatchObject({ newlyPaid: 0, invoices: [{ status: 'PARTLY_PAID', paidAmount: '200.00' }] });
      expect(await t.sql(`SELECT id FROM invoice_payment WHERE invoice_id = $1`, [invoice.id])).toHaveLength(1);

      // More than remains is refused, saying by how much; nothing is marked.
      const over = await t.gql(ap, PAY, { i: { invoiceIds: [invoice.id], paidOn, paymentReference: 'DELBETALING-2', paidAmounts: [{ invoiceId: invoice.id, amount: '400.00' }] } });
      expect(over.data.markInvoicesPaid).toEqual({
        __typename: 'InvoicesNotPayableError',
        errorCode: 'INVOICES_NOT_PAYABLE',
        message: expect.stringMatching(/^1 of the invoices cannot be marked paid, so none was/),
        invoices: [
          {
            invoiceId: invoice.id,
            status: 'PARTLY_PAID',
            message: `Invoice ${invoice.number}: a payment of 400.00 NOK is 36.62 NOK more than the 363.38 NOK that remains to be paid (563.38 NOK payable, 200.00 NOK paid before)`,
          },
        ],
      });
      // Amounts that are no payment, or name an invoice not in the report, are bad input.
      for (const [paidAmounts, message] of [
        [[{ invoiceId: invoice.id, amount: '0' }], 'paidAmounts[0].amount 0 is not more than 0'],
        [[{ invoiceId: invoice.id, amount: '-5' }], 'paidAmounts[0].amount -5 is not more than 0'],
        [[{ invoiceId: invoice.id, amount: '10.005' }], 'paidAmounts[0].amount 10.005 has more than 2 decimals'],
        [[{ invoiceId: invoice.id + 100000, amount: '10' }], `paidAmounts[0] names invoice ${invoice.id + 100000}, which is not one of invoiceIds`],
      ] as const) {
        const bad = await t.gql(ap, PAY, { i: { invoiceIds: [invoice.id], paidOn, paidAmounts } });
        expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(bad.errors?.[0].message).toContain(message);
      }
      expect(await t.sql(`SELECT status, paid_amount::text FROM invoice WHERE id = $1`, [invoice.id])).toEqual([{ status: 'PARTLY_PAID', paid_amount: '200.00' }]);

      // The rest completes it: PAID, answered PD without PPD.
      const rest = await t.gql(ap, PAY, { i: { invoiceIds: [invoice.id], paidOn, paymentReference: 'DELBETALING-2' } });
      expect(rest.data.markInvoicesPaid).toEqual({
        __typename: 'InvoicesPaid',
        newlyPaid: 1,
        invoices: [{ id: invoice.id, status: 'PAID', paidOn, paidAmount: '563.38', responseCode: 'PD' }],
      });
      const responses = await delivered(invoice.id);
      expect(responses.map((r) => r.code)).toEqual(['AP', 'PD', 'PD']);
      expectValid(responses[2].xml);
      expect(responses[2].xml).not.toContain('PPD');
      expect(await audits(invoice.id, 'invoice.paid')).toEqual([{ data: { from: 'PARTLY_PAID', to: 'PAID', paidOn, paymentReference: 'DELBETALING-2', amount: '363.38', paidAmount: '563.38' } }]);
      expect(await t.sql(`SELECT amount::text, payment_reference FROM invoice_payment WHERE invoice_id = $1 ORDER BY id`, [invoice.id])).toEqual([
        { amount: '200.00', payment_reference: 'DELBETALING-1' },
        { amount: '363.38', payment_reference: 'DELBETALING-2' },
      ]);
      // A paid invoice takes no more.
      const more = await t.gql(ap, PAY, { i: { invoiceIds: [invoice.id], paidOn, paymentReference: 'DELBETALING-3', paidAmounts: [{ invoiceId: invoice.id, amount: '1.00' }] } });
      expect(more.data.markInvoicesPaid.invoices[0].message).toContain('already');
    });
  });

  describe('under query (UQ)', () => {
    const reasons = [
      { code: 'PRI', text: 'The agreed price is 45.07: is 50.00 from a new price list?' },
      { code: 'REF', text: 'Which delivery note does this invoice cover?' },
    ];

    it('asks the supplier with structured reasons (UQ), keeps the invoice in the queue, shows the supplier its status and every response, then approves it with a reason', async () => {
      const invoice = await invoiceFor({ price: '50.00' });
      expect(invoice.status).toBe('EXCEPTION');
      const version = (await invoiceOf(invoice.id)).version;
      const queried = await t.gql(ap, QUERY, { i: { invoiceId: invoice.id, expectedVersion: version, reasons, note: 'Answer to faktura@storby.example' } });
      expect(queried.data.queryInvoice).toEqual({ __typename: 'Invoice', status: 'UNDER_QUERY', responseCode: 'UQ', version: version + 1 });

      const [inProcess, underQuery] = await delivered(invoice.id);
      expect([inProcess.code, underQuery.code]).toEqual(['IP', 'UQ']);
      expectValid(underQuery.xml);
      // One cac:Status per code, in the code list's order (REF before PRI), with the person's words.
      expect(underQuery.xml).toMatch(
        /<cbc:ResponseCode>UQ<\/cbc:ResponseCode>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusReason">REF<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Which delivery note does this invoice cover\?<\/cbc:StatusReason>\s*<\/cac:Status>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusReason">PRI<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>The agreed price is 45.07: is 50.00 from a new price list\?<\/cbc:StatusReason>/,
      );
      expect(underQuery.xml).toContain('<cbc:Note>Answer to faktura@storby.example</cbc:Note>');
      expect(await audits(invoice.id, 'invoice.queried')).toEqual([{ data: { from: 'EXCEPTION', to: 'UNDER_QUERY', reasons, note: 'Answer to faktura@storby.example' } }]);

      const queue = (await t.gql(ap, `{ invoiceExceptions(first: 100) { edges { node { id status } } } }`)).data.invoiceExceptions.edges.map((e: { node: unknown }) => e.node);
      expect(queue).toContainEqual({ id: invoice.id, status: 'UNDER_QUERY' });

      // The supplier: the status and every response, not the buyer's internal words.
      const seen = await invoiceOf(invoice.id, supplier);
      expect(seen).toMatchObject({ status: 'UNDER_QUERY', responseCode: 'UQ', decisionReason: null });
      expect(seen.responses).toEqual([
        { code: 'IP', reasons: [{ code: 'PRI', text: expect.stringContaining('45.07') }], note: null },
        {
          code: 'UQ',
          reasons: [
            { code: 'REF', text: reasons[1].text },
            { code: 'PRI', text: reasons[0].text },
          ],
          note: 'Answer to faktura@storby.example',
        },
      ]);
      const listed = await t.gql(supplier, `{ invoices(status: [UNDER_QUERY]) { edges { node { id status responses { code } } } } }`);
      expect(listed.data.invoices.edges.map((e: { node: unknown }) => e.node)).toContainEqual({ id: invoice.id, status: 'UNDER_QUERY', responses: [{ code: 'IP' }, { code: 'UQ' }] });

      // The answer came (by mail, say): approving needs a reason, as for an exception.
      const current = (await invoiceOf(invoice.id)).version;
      expect((await t.gql(ap, APPROVE, { i: { invoiceId: invoice.id, expectedVersion: current } })).data.approveInvoice.errorCode).toBe('REASON_REQUIRED');
      const approved = await t.gql(ap, APPROVE, { i: { invoiceId: invoice.id, expectedVersion: current, reason: 'Supplier confirmed the new price list by mail' } });
      expect(approved.data.approveInvoice).toEqual({ __typename: 'Invoice', status: 'APPROVED', responseCode: 'AP' });
      const responses = await delivered(invoice.id);
      expect(responses.map((r) => r.code)).toEqual(['IP', 'UQ', 'AP']);
      expectValid(responses[2].xml);
    });

    it('keeps a waiting invoice under query while a re-match still finds goods missing (telling the supplier nothing new), and approves it when they arrive', async () => {
      const invoice = await invoiceFor({ price: '45.07', received: '0' });
      expect(invoice.status).toBe('WAITING');
      const queried = await t.gql(ap, QUERY, {
        i: { invoiceId: invoice.id, expectedVersion: (await invoiceOf(invoice.id)).version, reasons: [{ code: 'DEL', text: 'Nothing has arrived yet: when will it be delivered?' }] },
      });
      expect(queried.data.queryInvoice.status).toBe('UNDER_QUERY');

      await receive(t, invoice.orderId, [{ lineId: '1', quantity: '4' }]);
      await drain(t);
      const half = await invoiceOf(invoice.id);
      expect(half.status).toBe('UNDER_QUERY');
      expect(half.responses.map((r: { code: string }) => r.code)).toEqual(['IP', 'UQ']);
      const rematched = await t.sql(`SELECT data FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 AND data->>'rematch' = 'true' ORDER BY id`, [String(invoice.id)]);
      expect(rematched.map((r) => [r.data.from, r.data.to])).toEqual([['UNDER_QUERY', 'UNDER_QUERY']]);

      await receive(t, invoice.orderId, [{ lineId: '1', quantity: '6' }]);
      await drain(t);
      expect(await invoiceOf(invoice.id)).toMatchObject({ status: 'APPROVED', responseCode: 'AP', reasons: [] });
      expect((await delivered(invoice.id)).map((r) => r.code)).toEqual(['IP', 'UQ', 'AP']);
    });

    it('disputes an invoice under query (RE), and refuses a query without a reason text, with an unknown code, or of a decided invoice', async () => {
      const invoice = await invoiceFor({ price: '50.00' });
      let version = (await invoiceOf(invoice.id)).version;
      const blank = await t.gql(ap, QUERY, { i: { invoiceId: invoice.id, expectedVersion: version, reasons: [{ code: 'PRI', text: '   ' }] } });
      expect(blank.data.queryInvoice).toMatchObject({ errorCode: 'REASON_REQUIRED', message: expect.stringContaining('reasons[0] (PRI) has no text') });
      const none = await t.gql(ap, QUERY, { i: { invoiceId: invoice.id, expectedVersion: version, reasons: [] } });
      expect(none.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const unknown = await t.gql(ap, QUERY, { i: { invoiceId: invoice.id, expectedVersion: version, reasons: [{ code: 'PPD', text: 'Partially paid' }] } });
      expect(unknown.errors?.[0].message).toMatch(/InvoiceQueryReasonCode/);
      expect((await invoiceOf(invoice.id)).status).toBe('EXCEPTION');

      expect((await t.gql(ap, QUERY, { i: { invoiceId: invoice.id, expectedVersion: version, reasons } })).data.queryInvoice.status).toBe('UNDER_QUERY');
      version = (await invoiceOf(invoice.id)).version;
      const disputed = await t.gql(ap, DISPUTE, { i: { invoiceId: invoice.id, expectedVersion: version, reason: 'No answer: credit it and invoice at 45.07.' } });
      expect(disputed.data.disputeInvoice).toEqual({ __typename: 'Invoice', status: 'DISPUTED', responseCode: 'RE' });
      const responses = await delivered(invoice.id);
      expect(responses.map((r) => r.code)).toEqual(['IP', 'UQ', 'RE']);
      expectValid(responses[2].xml);

      const late = await t.gql(ap, QUERY, { i: { invoiceId: invoice.id, expectedVersion: version + 1, reasons } });
      expect(late.data.queryInvoice).toMatchObject({ __typename: 'InvoiceStateError', status: 'DISPUTED' });
    });
  });

  describe('status actions (OPStatusAction) on UQ and RE', () => {
    const QUERY_ACTIONS = `mutation($i: QueryInvoiceInput!) { queryInvoice(input: $i) { __typename ... on Invoice { status responseCode } ${ERROR} } }`;

    it('asks the supplier to act with structured action codes after the reasons, on a question (UQ) and a rejection (RE), keeping them over a re-match', async () => {
      // Before the goods came, at a price above the agreed one.
      const invoice = await invoiceFor({ price: '50.00', received: '0' });
      expect(invoice.status).toBe('EXCEPTION');
      const queried = await t.gql(ap, QUERY_ACTIONS, {
        i: {
          invoiceId: invoice.id,
          expectedVersion: (await invoiceOf(invoice.id)).version,
          reasons: [{ code: 'PRI', text: 'The agreed price is 45.07.' }],
          actions: [
            { code: 'NIN', text: 'Or send a new invoice at 45.07' },
            { code: 'PIN', text: 'Send the new price list' },
          ],
        },
      });
      expect(queried.data.queryInvoice).toEqual({ __typename: 'Invoice', status: 'UNDER_QUERY', responseCode: 'UQ' });
      const [, uq] = await delivered(invoice.id);
      expectValid(uq.xml);
      // Reasons first, then one cac:Status per action in the code list's order (PIN before NIN).
      expect(uq.xml).toMatch(
        /<cbc:StatusReasonCode listID="OPStatusReason">PRI<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>The agreed price is 45.07.<\/cbc:StatusReason>\s*<\/cac:Status>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusAction">PIN<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Send the new price list<\/cbc:StatusReason>\s*<\/cac:Status>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusAction">NIN<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Or send a new invoice at 45.07<\/cbc:StatusReason>/,
      );
      const seen = await t.gql(supplier, `query($id: Int!) { invoice(id: $id) { responses { code actions { code text } } } }`, { id: invoice.id });
      expect(seen.data.invoice.responses).toEqual([
        { code: 'IP', actions: [] },
        {
          code: 'UQ',
          actions: [
            { code: 'PIN', text: 'Send the new price list' },
            { code: 'NIN', text: 'Or send a new invoice at 45.07' },
          ],
        },
      ]);

      // The goods arrive: the re-match still finds the price wrong and keeps the question as asked, actions included, so nothing new is sent.
      await receive(t, invoice.orderId, [{ lineId: '1', quantity: '10' }]);
      await drain(t);
      const after = await invoiceOf(invoice.id);
      expect(after.status).toBe('UNDER_QUERY');
      expect(after.reasons.map((r: { code: string }) => r.code)).toEqual(['PRICE_ABOVE_AGREED']);
      expect((await invoiceOf(invoice.id)).responses.map((r: { code: string }) => r.code)).toEqual(['IP', 'UQ']);
      const rematched = await t.sql(`SELECT data FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 AND data->>'rematch' = 'true'`, [String(invoice.id)]);
      expect(rematched.map((r) => [r.data.from, r.data.to])).toEqual([['UNDER_QUERY', 'UNDER_QUERY']]);

      const disputed = await t.gql(ap, DISPUTE, {
        i: { invoiceId: invoice.id, expectedVersion: (await invoiceOf(invoice.id)).version, reason: 'No answer.', actions: [{ code: 'CNF' }, { code: 'NIN', text: 'Invoice again at 45.07' }] },
      });
      expect(disputed.data.disputeInvoice).toEqual({ __typename: 'Invoice', status: 'DISPUTED', responseCode: 'RE' });
      const re = (await delivered(invoice.id))[2];
      expect(re.code).toBe('RE');
      expectValid(re.xml);
      expect(re.xml).toMatch(
        /<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusAction">NIN<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Invoice again at 45.07<\/cbc:StatusReason>\s*<\/cac:Status>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusAction">CNF<\/cbc:StatusReasonCode>\s*<\/cac:Status>/,
      );
      expect(await audits(invoice.id, 'invoice.disputed')).toEqual([
        { data: { from: 'UNDER_QUERY', to: 'DISPUTED', reason: 'No answer.', actions: [{ code: 'CNF' }, { code: 'NIN', text: 'Invoice again at 45.07' }] } },
      ]);
    });

    it('refuses unknown action codes, codes that do not fit the decision, a code twice and OTH without a text, precisely and changing nothing', async () => {
      const invoice = await invoiceFor({ price: '50.00' });
      const version = (await invoiceOf(invoice.id)).version;
      const reasons = [{ code: 'PRI', text: 'Why 50.00?' }];
      const unknown = await t.gql(ap, QUERY_ACTIONS, { i: { invoiceId: invoice.id, expectedVersion: version, reasons, actions: [{ code: 'XYZ' }] } });
      expect(unknown.errors?.[0].message).toMatch(/"XYZ".*InvoiceStatusActionCode/);
      const cases: [string, Record<string, unknown>, string][] = [
        [QUERY_ACTIONS, { reasons, actions: [{ code: 'NOA' }] }, 'actions[0].code: NOA (no action required) asks nothing of the supplier does not fit a question (UQ)'],
        [QUERY_ACTIONS, { reasons, actions: [{ code: 'PIN' }, { code: 'PIN', text: 'again' }] }, 'actions[1].code: PIN is given twice'],
        [QUERY_ACTIONS, { reasons, actions: [{ code: 'OTH', text: '  ' }] }, 'actions[0].text: OTH (other) needs a text'],
        [DISPUTE, { reason: 'Wrong price', actions: [{ code: 'CNF' }, { code: 'PIN' }] }, 'actions[1].code: PIN (provide information) is a question: use queryInvoice'],
      ];
      for (const [mutation, input, message] of cases) {
        const refused = await t.gql(ap, mutation, { i: { invoiceId: invoice.id, expectedVersion: version, ...input } });
        expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(refused.errors?.[0].message).toContain(message);
      }
      expect(await invoiceOf(invoice.id)).toMatchObject({ status: 'EXCEPTION', version, responses: [{ code: 'IP' }] });
    });
  });

  describe('the received document', () => {
    it('links each received invoice to the document it came as, served byte for byte to its supplier and buyer only', async () => {
      const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
      const id = number('F');
      const xml = quickInvoiceXml({ id, orderReference: order.number, lines: [{ quantity: '1', price: '45.07', orderLineId: '1' }] });
      const posted = await postDocument(t, erp, xml);
      expect(posted.status).toBe(201);
      const invoiceId = Number(posted.body.id);
      const [link] = await t.sql(
        `SELECT i.received_document_id::text AS linked, d.id::text AS stored FROM invoice i, received_document d
          WHERE i.id = $1 AND d.document_type = 'Invoice' AND d.document_id = $2 AND d.result_id = $3`,
        [invoiceId, id, String(invoiceId)],
      );
      expect(link.linked).toBe(link.stored);
      const { documentPath } = await invoiceOf(invoiceId);
      expect(documentPath).toBe(`/invoices/${invoiceId}/document`);
      for (const token of [supplier, ap, erp]) {
        const res = await t.http.get(documentPath).set('Authorization', `Bearer ${token}`).buffer(true);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/xml/);
        expect(res.text).toBe(xml);
      }
      // A resend is answered 409 and leaves the link as it was.
      expect((await postDocument(t, erp, xml)).status).toBe(409);
      expect((await t.sql(`SELECT received_document_id::text AS linked FROM invoice WHERE id = $1`, [invoiceId]))[0].linked).toBe(link.stored);

      const other = await t.http.get(documentPath).set('Authorization', `Bearer ${await t.login('katalog@medisinsk.example')}`);
      expect(other.status).toBe(404);
      expect(other.text).not.toContain(id);
      expect((await t.http.get(documentPath).set('Authorization', `Bearer ${await t.login('bestiller@nordby.example')}`)).status).toBe(403);
      expect((await t.http.get(`/invoices/x/document`).set('Authorization', `Bearer ${ap}`)).status).toBe(400);
    });
  });

  describe('currency', () => {
    it('says precisely that an invoice is in another currency than its order, and lets accounts payable approve it with a reason', async () => {
      const invoice = await invoiceFor({ price: '4.10', currency: 'EUR' });
      expect(invoice.status).toBe('EXCEPTION');
      const read = await invoiceOf(invoice.id);
      expect(read.reasons).toEqual([
        {
          code: 'CURRENCY',
          message: `Order ${invoice.orderNumber} is in NOK, the invoice in EUR, so its amounts cannot be compared: accounts payable decides (approve with a reason, query or dispute)`,
          expected: 'NOK',
          actual: 'EUR',
        },
      ]);
      expect(read.responses).toEqual([{ code: 'IP', reasons: [{ code: 'FIN', text: expect.stringContaining('is in NOK, the invoice in EUR') }], note: null }]);

      const approved = await t.gql(ap, APPROVE, { i: { invoiceId: invoice.id, expectedVersion: read.version, reason: 'Agreed in EUR for this delivery; rate checked by finance' } });
      expect(approved.data.approveInvoice).toEqual({ __typename: 'Invoice', status: 'APPROVED', responseCode: 'AP' });
      // NOK ledgers take no EUR: the commitment and the agreement's drawdown stay uninvoiced.
      const [commitment] = await t.sql(`SELECT invoiced::text FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(invoice.orderId)]);
      const [drawdown] = await t.sql(`SELECT invoiced::text FROM agreement_drawdown WHERE source_type = 'ORDER' AND source_id = $1`, [String(invoice.orderId)]);
      expect([commitment.invoiced, drawdown.invoiced]).toEqual(['0.00', '0.00']);
    });

    it('says precisely that a NOK invoice without order is in another currency than its agreement in EUR', async () => {
      const agreement = await createAgreement(t, { currency: 'EUR' });
      const posted = await postDocument(
        t,
        erp,
        quickInvoiceXml({ id: number('F'), buyerReference: 'Bjørn', contractReference: agreement.reference, lines: [{ quantity: '2', price: '45.07', sellerItemId: 'KL-100' }] }),
      );
      expect(posted.status).toBe(201);
      expect(posted.body.status).toBe('EXCEPTION');
      const read = await invoiceOf(Number(posted.body.id));
      expect(read.reasons).toEqual([
        {
          code: 'CURRENCY',
          message: `Agreement ${agreement.reference} is in EUR, the invoice in NOK, so its amounts cannot be compared: accounts payable decides (approve with a reason, query or dispute)`,
          expected: 'EUR',
          actual: 'NOK',
        },
      ]);
      expect(read.responses).toEqual([{ code: 'IP', reasons: [{ code: 'FIN', text: expect.stringContaining('is in EUR, the invoice in NOK') }], note: null }]);
      const [row] = await t.sql(`SELECT agreement_id FROM invoice WHERE id = $1`, [Number(posted.body.id)]);
      expect(row.agreement_id).toBe(agreement.id);
    });

    it('says precisely that an invoice without order is in another currency than its agreement', async () => {
      const posted = await postDocument(
        t,
        erp,
        quickInvoiceXml({ id: number('F'), buyerReference: 'Bjørn', contractReference: '2025-001', currency: 'EUR', lines: [{ quantity: '2', price: '4.10', sellerItemId: 'KL-100' }] }),
      );
      expect(posted.body.status).toBe('EXCEPTION');
      const read = await invoiceOf(Number(posted.body.id));
      expect(read.reasons).toEqual([
        {
          code: 'CURRENCY',
          message: 'Agreement 2025-001 is in NOK, the invoice in EUR, so its amounts cannot be compared: accounts payable decides (approve with a reason, query or dispute)',
          expected: 'NOK',
          actual: 'EUR',
        },
      ]);
    });
  });
});
