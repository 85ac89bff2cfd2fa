import { Button, Checkbox, Fieldset, Heading, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate, formatMoney, todayInNorway } from '../format/format';
import { useCursorPages } from '../work/cursor-pages';
import { toggle } from '../search/search-params';
import { ApprovedInvoices as ApprovedInvoicesQuery, MarkInvoicesPaid } from './queries';
import { paymentProblems } from './reason-text';

/** A constant: urql runs a query again whenever its context object is a new one. */
const INVOICE_TYPES = { additionalTypenames: ['Invoice'] };

/**
 * Approved invoices, ten a page, to mark as paid (markInvoicesPaid: a payment date, not in the
 * future, and the payment's reference). All or nothing: a refusal names each invoice and why, and
 * what was ticked and typed stays.
 */
export function ApprovedInvoices() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const pages = useCursorPages();
  const today = todayInNorway();
  const [result, refetch] = useQuery({ query: ApprovedInvoicesQuery, variables: { after: pages.after }, requestPolicy: 'cache-and-network', context: INVOICE_TYPES });
  const [state, markPaid] = useMutation(MarkInvoicesPaid);
  const [chosen, setChosen] = useState<number[]>([]);
  const [paidOn, setPaidOn] = useState(today);
  const [reference, setReference] = useState('');
  const [problems, setProblems] = useState<{ paidOn?: string; reference?: string; chosen?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const connection = result.data?.invoices;

  const submit = async () => {
    setRefusal(null);
    const found = paymentProblems({ paidOn, reference, chosen: chosen.length }, today);
    setProblems(found);
    if (Object.keys(found).length) return;
    const r = await markPaid({ input: { invoiceIds: chosen, paidOn, paymentReference: reference.trim() || undefined } }, INVOICE_TYPES);
    const answer = r.data?.markInvoicesPaid;
    if (!answer) return;
    if (answer.__typename === 'InvoicesPaid') {
      announce(t('extra.payables.pay.paid', { count: answer.invoices.length }));
      setChosen([]);
      setReference('');
      pages.reset();
      refetch({ requestPolicy: 'network-only' });
    } else setRefusal(t('extra.payables.pay.refused', { reasons: answer.invoices.map((i) => i.message).join('; ') }));
  };

  return (
    <section aria-labelledby="approved-invoices-heading" className="torg-approved-invoices">
      <Heading level={2} data-size="sm" id="approved-invoices-heading">
        {t('extra.payables.pay.title')}
      </Heading>
      <Paragraph>{t('extra.payables.pay.intro')}</Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {connection && connection.totalCount === 0 && <Paragraph>{t('extra.payables.pay.empty')}</Paragraph>}
      {connection && connection.totalCount > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Fieldset data-size="sm" aria-describedby={problems.chosen ? 'pay-chosen-error' : undefined}>
            <Fieldset.Legend>{t('extra.payables.pay.legend')}</Fieldset.Legend>
            {connection.edges.map(({ node: inv }) => (
              <Checkbox
                key={inv.id}
                value={String(inv.id)}
                checked={chosen.includes(inv.id)}
                onChange={(e) => setChosen(toggle(chosen, inv.id, e.target.checked))}
                label={`${t('extra.payables.pay.choose', { number: inv.number, amount: formatMoney(inv.payableAmount, inv.currency) })}${inv.dueDate ? `, ${t('extra.payables.pay.due', { date: formatDate(inv.dueDate) })}` : ''}`}
              />
            ))}
            {problems.chosen && (
              <ValidationMessage id="pay-chosen-error" data-color="danger">
                {t(problems.chosen)}
              </ValidationMessage>
            )}
          </Fieldset>
          <CursorPager
            label={t('extra.payables.pay.pager')}
            page={pages.page}
            hasNext={!!connection.pageInfo.hasNextPage}
            onPrevious={pages.previous}
            onNext={() => pages.next(connection.pageInfo.endCursor)}
          />
          <div className="torg-pay-fields">
            <Textfield
              type="date"
              label={t('extra.payables.pay.paidOn')}
              value={paidOn}
              max={today}
              onChange={(e) => setPaidOn(e.target.value)}
              error={problems.paidOn ? t(problems.paidOn) : undefined}
            />
            <Textfield
              label={t('extra.payables.pay.reference')}
              description={t('extra.payables.pay.referenceHelp')}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              error={problems.reference ? t(problems.reference) : undefined}
            />
          </div>
          {refusal && <ErrorAlert message={refusal} />}
          {state.error && <ErrorAlert message={errorMessage(state.error, t)} />}
          <Button type="submit" loading={state.fetching}>
            {state.fetching ? t('extra.payables.pay.submitting') : t('extra.payables.pay.submit')}
          </Button>
        </form>
      )}
    </section>
  );
}
