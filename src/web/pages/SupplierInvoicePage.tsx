import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageHeading } from '../components/PageHeading';
import { PageLoadError } from '../components/PageLoadError';
import { formatDate, formatDateTime, formatMoney } from '../format/format';
import { graphql } from '../gql';
import { invoiceStatusColor } from '../supplier/invoice-status';

const SupplierInvoice = graphql(`
  query SupplierInvoice($id: Int!) {
    invoice(id: $id) {
      id
      number
      status
      orderReference
      issueDate
      dueDate
      payableAmount
      currency
    }
    invoiceResponses(invoiceId: $id) {
      id
      code
      note
      createdAt
      reasons {
        code
        text
      }
    }
  }
`);

/** One invoice the supplier sent: its status, and every answer of the buyer (Invoice Response) with its reasons in words. */
export function SupplierInvoicePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [result, refetch] = useQuery({ query: SupplierInvoice, variables: { id }, requestPolicy: 'cache-and-network' });
  const invoice = result.data?.invoice;
  if (result.error && !invoice) {
    return <PageLoadError title={t('supplierPortal.invoiceDetail.title', { number: `#${id}` })} error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (!invoice) return <Paragraph>{t('app.loading')}</Paragraph>;
  const responses = result.data?.invoiceResponses ?? [];
  const title = t('supplierPortal.invoiceDetail.title', { number: invoice.number });
  const code = (c: string) => t(`supplierPortal.invoiceDetail.codes.${c}`, { defaultValue: c });
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Paragraph>
        <Link to="/supplier/invoices">{t('supplierPortal.invoiceDetail.back')}</Link>
      </Paragraph>
      <Paragraph data-testid="invoice-status">
        {t('supplierPortal.invoices.status')}: <Tag data-color={invoiceStatusColor(invoice.status)}>{t(`supplierPortal.invoices.statuses.${invoice.status}`)}</Tag>
      </Paragraph>
      {invoice.orderReference && <Paragraph>{t('supplierPortal.invoiceDetail.order', { order: invoice.orderReference })}</Paragraph>}
      <Paragraph>
        {t('supplierPortal.invoiceDetail.summary', {
          amount: formatMoney(invoice.payableAmount, invoice.currency),
          issued: formatDate(invoice.issueDate),
          due: invoice.dueDate ? formatDate(invoice.dueDate) : '–',
        })}
      </Paragraph>
      <Heading level={2} data-size="sm">
        {t('supplierPortal.invoiceDetail.responses')}
      </Heading>
      {responses.length === 0 ? (
        <Paragraph>{t('supplierPortal.invoiceDetail.noResponses')}</Paragraph>
      ) : (
        <ol data-testid="invoice-responses" className="torg-stack">
          {responses.map((r) => (
            <li key={r.id}>
              <strong>{t('supplierPortal.invoiceDetail.responseAt', { code: code(r.code), date: formatDateTime(r.createdAt) })}</strong>
              {r.reasons.length > 0 && (
                <ul aria-label={t('supplierPortal.invoiceDetail.reasons')}>
                  {r.reasons.map((x, i) => (
                    <li key={i}>
                      {t(`supplierPortal.invoiceDetail.reasonCodes.${x.code}`, { defaultValue: x.code })}: {x.text}
                    </li>
                  ))}
                </ul>
              )}
              {r.note && <Paragraph data-size="sm">{t('supplierPortal.invoiceDetail.note', { note: r.note })}</Paragraph>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
