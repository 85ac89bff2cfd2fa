import '../work/work.css';
import { Heading, Link as DsLink, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../format/format';
import { CLOSABLE_STATES, CloseOrderForm } from '../work/CloseOrderForm';
import { GoodsReceiptForm, RECEIVING_STATES } from '../work/GoodsReceiptForm';
import { OrderAnswer } from '../work/OrderAnswer';
import { MyOrderQuery } from '../work/order-queries';
import { SupplierLabel } from '../work/SupplierLabel';

/** One of the requester's orders: its status and lines, the supplier's answer (changes to accept or reject), goods receipts and returns, closing it when the rest will not come. */
export function OrderPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [result, refetch] = useQuery({ query: MyOrderQuery, variables: { id }, pause: !Number.isInteger(id), requestPolicy: 'cache-and-network' });
  const order = result.data?.order;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (!order) {
    return (
      <>
        <PageHeading title={t('work.orders.title')}>{t('work.orders.title')}</PageHeading>
        {result.error ? <ErrorAlert message={errorMessage(result.error, t)} onRetry={reload} /> : <Paragraph role="status">{t('app.loading')}</Paragraph>}
      </>
    );
  }
  const number = order.number ?? order.requisitionNumber;
  const title = t('work.order.title', { number });
  const names = new Map(order.lines.map((l) => [l.lineId, l]));
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <DsLink asChild>
        <Link to="/my-orders">{t('work.order.back')}</Link>
      </DsLink>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={reload} />}
      <section aria-labelledby="facts-heading" className="torg-work-section">
        <Heading level={2} data-size="sm" id="facts-heading">
          {t('work.order.facts')}
        </Heading>
        <dl className="torg-work-facts">
          <dt>{t('work.order.status')}</dt>
          <dd data-testid="order-status">{t(`requisition.statuses.${order.status}`)}</dd>
          <dt>{t('work.order.supplier')}</dt>
          <dd>
            <SupplierLabel supplierId={order.supplierId} supplierName={order.supplierName} />
          </dd>
          <dt>{t('work.order.amount')}</dt>
          <dd>
            {formatMoney(order.taxInclusiveAmount, order.currency)} ({t('work.order.vat')} {formatMoney(order.vatAmount, order.currency)})
          </dd>
          <dt>{t('work.order.submittedAt')}</dt>
          <dd>{formatDateTime(order.submittedAt)}</dd>
          {order.wantedDeliveryDate && (
            <>
              <dt>{t('work.order.wantedDate')}</dt>
              <dd>{formatDate(order.wantedDeliveryDate)}</dd>
            </>
          )}
          {order.decisionComment && (
            <>
              <dt>{t('work.order.decisionComment')}</dt>
              <dd>{order.decisionComment}</dd>
            </>
          )}
        </dl>
        <Table data-size="sm" data-testid="order-lines">
          <caption>{t('work.order.lines')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('work.order.line')}</Table.HeaderCell>
              <Table.HeaderCell>{t('work.order.item')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.order.ordered')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.order.received')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.order.price')}</Table.HeaderCell>
              <Table.HeaderCell className="torg-number">{t('work.order.lineAmount')}</Table.HeaderCell>
              <Table.HeaderCell>{t('work.order.lineStatus')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {order.lines.map((l) => (
              <Table.Row key={l.id}>
                <Table.Cell>{l.lineId}</Table.Cell>
                <Table.Cell>{l.substituteName ? `${l.substituteName} (${l.name})` : l.name}</Table.Cell>
                <Table.Cell className="torg-number">
                  {formatNumber(l.quantity)} {l.unitCode}
                </Table.Cell>
                <Table.Cell className="torg-number">{formatNumber(l.receivedQuantity)}</Table.Cell>
                <Table.Cell className="torg-number">{formatMoney(l.price, order.currency)}</Table.Cell>
                <Table.Cell className="torg-number">{formatMoney(l.lineAmount, order.currency)}</Table.Cell>
                <Table.Cell>{t(`work.order.lineStatuses.${l.status}`)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </section>
      <OrderAnswer order={order} onChanged={reload} />
      {RECEIVING_STATES.includes(order.status) && <GoodsReceiptForm key={order.id} order={order} />}
      {order.goodsReceipts.length > 0 && (
        <section aria-labelledby="receipts-heading" className="torg-work-section">
          <Heading level={2} data-size="sm" id="receipts-heading">
            {t('work.order.receipts')}
          </Heading>
          <Table data-size="sm" data-testid="receipts">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('work.order.receiptAt')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.order.receiptLines')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {order.goodsReceipts.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>{formatDateTime(r.receivedAt)}</Table.Cell>
                  <Table.Cell>
                    {r.lines
                      .map((l) =>
                        l.quantity.startsWith('-')
                          ? t('work.order.receiptReturn', {
                              line: `${l.lineId} ${names.get(l.lineId)?.name ?? ''}`.trim(),
                              quantity: formatNumber(l.quantity.slice(1)),
                              unit: l.unitCode,
                              reason: l.reason ?? '',
                            })
                          : t('work.order.receiptLine', { line: `${l.lineId} ${names.get(l.lineId)?.name ?? ''}`.trim(), quantity: formatNumber(l.quantity), unit: l.unitCode }),
                      )
                      .join('; ')}
                    {r.note && ` – ${r.note}`}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </section>
      )}
      {CLOSABLE_STATES.includes(order.status) && <CloseOrderForm key={`close-${order.id}`} order={order} />}
    </>
  );
}
