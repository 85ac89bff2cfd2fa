import { Button, Field, Fieldset, Heading, Label, Paragraph, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatMoney, formatNumber, todayInNorway } from '../format/format';
import { graphql } from '../gql';
import { useKeptDraft } from '../auth/useKeptDraft';
import { checkInvoice, newIdempotencyKey, newInvoiceDraft, serverFieldOf, toCreateInvoiceInput, type InvoiceDraft } from './invoice-form';
import type { FieldError } from './order-answer';
import { refusalText } from '../refusals/refusal-text';

const CreateInvoiceFromOrder = graphql(`
  mutation CreateInvoiceFromOrder($input: CreateInvoiceFromOrderInput!) {
    createInvoiceFromOrder(input: $input) {
      __typename
      ... on InvoiceCreatedFromOrder {
        invoice {
          id
          number
          status
        }
      }
      ... on InvoiceFromOrderRefused {
        problems {
          field
          path
          message
        }
      }
      ... on DuplicateInvoiceNumberError {
        invoiceNumber
      }
      ... on OrderStateError {
        status
      }
      ... on IdempotencyKeyReusedError {
        invoiceId
        differentFields
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export interface InvoiceOrderLine {
  lineId: string;
  name: string;
  quantity: string;
  unitCode: string;
  price: string;
  status: string;
}

/** A server problem by the form field it concerns (null: the invoice as a whole). */
interface ServerProblem {
  field: string | null;
  message: string;
}

/**
 * "Create invoice" for a supplier with no e-invoicing system: Torg writes the EHF invoice from the
 * order (createInvoiceFromOrder). What was typed stays when the server refuses; its problems are
 * shown beside the fields they name.
 */
export function InvoiceFromOrderForm({
  orderId,
  orderNumber,
  currency,
  lines,
  onCreated,
}: {
  orderId: number;
  orderNumber: string;
  currency: string;
  lines: InvoiceOrderLine[];
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const billable = lines.filter((l) => l.status !== 'NOT_ACCEPTED' && l.status !== 'CANCELLED');
  // The draft, with its idempotency key, is kept in the tab's session storage from the first
  // attempt on: a retry after a lost answer (or a reload) sends the same key and gets the invoice
  // the first attempt made.
  const [fresh] = useState<InvoiceDraft>(() => newInvoiceDraft(billable, todayInNorway()));
  const [kept, setDraft] = useKeptDraft<InvoiceDraft | null>(`invoice-from-order:${orderId}`, null);
  const draft = kept ?? fresh;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [server, setServer] = useState<ServerProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: number; number: string; status: string } | null>(null);
  const [sending, create] = useMutation(CreateInvoiceFromOrder);
  const errorFor = (field: string) => {
    const mine = errors.find((x) => x.field === field);
    if (mine) return t(mine.key);
    return server.find((p) => p.field === field)?.message;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setServer([]);
    setCreated(null);
    const problems = checkInvoice(draft);
    setErrors(problems);
    if (problems.length) {
      announce(t('supplierPortal.errors.summary', { count: problems.length }));
      return;
    }
    setDraft(draft);
    const res = await create({ input: toCreateInvoiceInput(orderId, draft) });
    const answer = res.data?.createInvoiceFromOrder;
    if (res.error) return setFailure(errorMessage(res.error, t));
    if (!answer) return;
    switch (answer.__typename) {
      case 'InvoiceCreatedFromOrder': {
        setCreated(answer.invoice);
        announce(t('supplierPortal.invoice.created', { number: answer.invoice.number, status: t(`supplierPortal.invoices.statuses.${answer.invoice.status}`) }));
        // The account is the same for the next invoice; the rest starts again.
        setDraft({ ...newInvoiceDraft(billable, todayInNorway()), paymentAccount: draft.paymentAccount });
        onCreated();
        return;
      }
      case 'InvoiceFromOrderRefused': {
        // The browser checks the account's shape; a refusal of a well-shaped one is its check digits, said in the user's language.
        const byField = answer.problems.map((p) => ({
          field: serverFieldOf(p.field ?? null, draft),
          message: p.field === 'paymentAccount' ? t('supplierPortal.invoice.errors.accountCheck') : p.message,
        }));
        setServer(byField);
        const general = byField.filter((p) => !p.field);
        setFailure(general.length ? general.map((p) => p.message).join(' ') : t('supplierPortal.errors.summary', { count: byField.length }));
        return;
      }
      case 'DuplicateInvoiceNumberError':
        setServer([{ field: 'invoiceNumber', message: t('supplierPortal.invoice.duplicate', { number: answer.invoiceNumber }) }]);
        setFailure(t('supplierPortal.invoice.duplicate', { number: answer.invoiceNumber }));
        return;
      case 'IdempotencyKeyReusedError':
        // An earlier attempt of this draft made an invoice; what is typed now is another request: a new key, so sending it again makes a second invoice on purpose.
        setDraft({ ...draft, idempotencyKey: newIdempotencyKey() });
        setFailure(refusalText(answer, t));
        onCreated();
        return;
      default:
        setFailure(refusalText(answer, t));
    }
  };

  const setLine = (lineId: string, quantity: string) => setDraft({ ...draft, lines: draft.lines.map((x) => (x.lineId === lineId ? { ...x, quantity } : x)) });

  return (
    <section aria-labelledby="invoice-heading" className="torg-stack">
      <Heading level={2} data-size="sm" id="invoice-heading">
        {t('supplierPortal.invoice.heading')}
      </Heading>
      <Paragraph>{t('supplierPortal.invoice.intro')}</Paragraph>
      <form onSubmit={(e) => void submit(e)} noValidate className="torg-stack" aria-labelledby="invoice-heading">
        <Textfield
          label={t('supplierPortal.invoice.number')}
          description={t('supplierPortal.invoice.numberHint', { example: `${orderNumber}-1` })}
          value={draft.invoiceNumber}
          onChange={(e) => setDraft({ ...draft, invoiceNumber: e.target.value })}
          error={errorFor('invoiceNumber')}
        />
        <Textfield
          label={t('supplierPortal.invoice.issueDate')}
          type="date"
          value={draft.issueDate}
          onChange={(e) => setDraft({ ...draft, issueDate: e.target.value })}
          error={errorFor('issueDate')}
        />
        <Textfield label={t('supplierPortal.invoice.dueDate')} type="date" value={draft.dueDate} onChange={(e) => setDraft({ ...draft, dueDate: e.target.value })} error={errorFor('dueDate')} />
        <Textfield
          label={t('supplierPortal.invoice.account')}
          description={t('supplierPortal.invoice.accountHint')}
          autoComplete="off"
          value={draft.paymentAccount}
          onChange={(e) => setDraft({ ...draft, paymentAccount: e.target.value })}
          error={errorFor('paymentAccount')}
        />
        <Textfield label={t('supplierPortal.invoice.kid')} inputMode="numeric" value={draft.kid} onChange={(e) => setDraft({ ...draft, kid: e.target.value })} error={errorFor('kid')} />
        <Fieldset>
          <Fieldset.Legend>{t('supplier.order.lines')}</Fieldset.Legend>
          {draft.lines.map((l) => {
            const line = billable.find((x) => x.lineId === l.lineId)!;
            return (
              <Textfield
                key={l.lineId}
                label={t('supplierPortal.invoice.quantity', { line: l.lineId, name: line.name, unit: line.unitCode })}
                description={t('supplierPortal.invoice.agreed', { value: formatNumber(line.quantity), price: formatMoney(line.price, currency) })}
                inputMode="decimal"
                value={l.quantity}
                onChange={(e) => setLine(l.lineId, e.target.value)}
                error={errorFor(`${l.lineId}.quantity`)}
              />
            );
          })}
          {errorFor('lines') && <ValidationMessage>{errorFor('lines')}</ValidationMessage>}
        </Fieldset>
        <Field>
          <Label htmlFor="invoice-note">{t('supplierPortal.invoice.note')}</Label>
          <Textarea id="invoice-note" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} aria-invalid={errorFor('note') ? true : undefined} />
          {errorFor('note') && <ValidationMessage>{errorFor('note')}</ValidationMessage>}
        </Field>
        {failure && <ErrorAlert title={t('supplierPortal.invoice.failedTitle')} message={failure} />}
        <Button type="submit" disabled={sending.fetching}>
          {t('supplierPortal.invoice.send')}
        </Button>
      </form>
      {created && (
        <Paragraph data-testid="invoice-created">
          {t('supplierPortal.invoice.created', { number: created.number, status: t(`supplierPortal.invoices.statuses.${created.status}`) })}{' '}
          <Link to={`/supplier/invoices/${created.id}`}>{t('supplierPortal.invoice.createdLink')}</Link>
        </Paragraph>
      )}
    </section>
  );
}
