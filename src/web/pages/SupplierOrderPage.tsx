import { Button, Fieldset, Heading, Paragraph, Radio, Select, Field, Label, Table, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { PageLoadError } from '../components/PageLoadError';
import { formatDate, formatMoney, formatNumber } from '../format/format';
import { graphql } from '../gql';
import { DespatchForm } from '../supplier/DespatchForm';
import { InvoiceFromOrderForm } from '../supplier/InvoiceFromOrderForm';
import { checkAnswer, toRespondInput, type AnswerDraft, type FieldError, type LineChoice } from '../supplier/order-answer';
import { refusalText } from '../refusals/refusal-text';
import { useKeptDraft } from '../auth/useKeptDraft';

const SupplierOrder = graphql(`
  query SupplierOrder($id: Int!) {
    order(id: $id) {
      id
      number
      status
      version
      currency
      lineExtensionAmount
      vatAmount
      taxInclusiveAmount
      wantedDeliveryDate
      noteToSupplier
      lines {
        id
        lineId
        name
        sellerItemId
        quantity
        unitCode
        price
        lineAmount
        status
        substituteSellerItemId
        substituteName
      }
      despatchAdvices {
        id
        despatchId
        issueDate
        lines {
          lineId
          deliveredQuantity
          unitCode
        }
      }
      responses {
        id
        responseCode
        note
        createdAt
      }
    }
  }
`);

const RespondToOrder = graphql(`
  mutation RespondToOrder($input: RespondToOrderInput!) {
    respondToOrder(input: $input) {
      __typename
      ... on OrderResponseRecorded {
        order {
          id
          status
          version
        }
      }
      ... on InvalidOrderResponseError {
        lineId
      }
      ... on OrderStateError {
        status
      }
      ... on UnknownOrderLineError {
        lineIds
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

/** Orders the supplier may still answer (AB keeps an order SENT). */
const ANSWERABLE = new Set(['SENT']);
/** Orders a despatch may be registered for (the API's DESPATCHABLE_ORDER_STATES). */
const DESPATCHABLE = new Set(['SENT', 'ACCEPTED', 'PARTIALLY_RECEIVED']);
/** Orders the supplier has confirmed, which it may invoice (createInvoiceFromOrder). */
const INVOICEABLE = new Set(['ACCEPTED', 'PARTIALLY_RECEIVED', 'RECEIVED']);

const EMPTY_ANSWER: AnswerDraft = { decision: 'ACCEPTED', note: '', lines: [] };

/** One order sent to the supplier, and its answer: accept, reject, or change lines. */
export function SupplierOrderPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = Number(useParams().id);
  const [result, refetch] = useQuery({ query: SupplierOrder, variables: { id }, requestPolicy: 'cache-and-network' });
  const [sending, respond] = useMutation(RespondToOrder);
  const order = result.data?.order;
  // The answer as typed outlives an expired sign-in (useKeptDraft), per order.
  const [draft, setDraft] = useKeptDraft<AnswerDraft>(`order-answer:${id}`, EMPTY_ANSWER);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  // The line drafts follow the order's lines once it has loaded (what was typed is kept after that).
  useEffect(() => {
    if (order && draft.lines.length === 0) setDraft((d) => ({ ...d, lines: order.lines.map((l) => ({ lineId: l.lineId, choice: 'ACCEPTED', quantity: '', price: '', deliveryDate: '' })) }));
  }, [order, draft.lines.length]);

  if (result.error && !order) {
    return <PageLoadError title={t('supplier.order.title', { number: `#${id}` })} error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (!order) return <Paragraph>{t('app.loading')}</Paragraph>;

  const title = t('supplier.order.title', { number: order.number ?? `#${order.id}` });
  const errorFor = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(e.key) : undefined;
  };
  const setLine = (lineId: string, patch: Partial<AnswerDraft['lines'][number]>) => setDraft((d) => ({ ...d, lines: d.lines.map((l) => (l.lineId === lineId ? { ...l, ...patch } : l)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const problems = checkAnswer(draft);
    setErrors(problems);
    if (problems.length) {
      announce(t('supplier.answer.errors.summary', { count: problems.length }));
      return;
    }
    const res = await respond({ input: toRespondInput(order.id, draft, order.version) });
    const answer = res.data?.respondToOrder;
    if (res.error) setFailure(errorMessage(res.error, t));
    else if (answer && answer.__typename !== 'OrderResponseRecorded') setFailure(refusalText(answer, t));
    else if (answer) {
      setDraft(EMPTY_ANSWER);
      announce(t('supplier.answer.recorded', { status: t(`requisition.statuses.${answer.order.status}`) }));
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Paragraph data-testid="order-status">
        {t('supplier.orders.status')}: {t(`requisition.statuses.${order.status}`)}
      </Paragraph>
      {order.wantedDeliveryDate && <Paragraph>{t('supplier.order.wanted', { date: formatDate(order.wantedDeliveryDate) })}</Paragraph>}
      {order.noteToSupplier && <Paragraph>{t('supplier.order.note', { note: order.noteToSupplier })}</Paragraph>}
      <Table data-size="sm">
        <caption>{t('supplier.order.lines')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('supplier.order.line')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.order.item')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('supplier.order.quantity')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('supplier.order.price')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('supplier.order.amount')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {order.lines.map((l) => (
            <Table.Row key={l.id}>
              <Table.Cell>{l.lineId}</Table.Cell>
              <Table.Cell>
                {l.name}
                {l.sellerItemId ? ` (${l.sellerItemId})` : ''}
                {l.substituteSellerItemId && <Paragraph data-size="sm">{t('supplierPortal.answer.substituted', { name: l.substituteName ?? '', id: l.substituteSellerItemId })}</Paragraph>}
              </Table.Cell>
              <Table.Cell className="torg-number">{`${formatNumber(l.quantity)} ${l.unitCode}`}</Table.Cell>
              <Table.Cell className="torg-number">{formatMoney(l.price, order.currency)}</Table.Cell>
              <Table.Cell className="torg-number">{formatMoney(l.lineAmount, order.currency)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Paragraph>
        {t('supplier.order.totals', {
          net: formatMoney(order.lineExtensionAmount, order.currency),
          vat: formatMoney(order.vatAmount, order.currency),
          total: formatMoney(order.taxInclusiveAmount, order.currency),
        })}
      </Paragraph>
      {order.responses.length > 0 && (
        <Paragraph data-testid="order-responses">{order.responses.map((r) => `${t(`supplier.answer.codes.${r.responseCode}`)}${r.note ? `: ${r.note}` : ''}`).join(' · ')}</Paragraph>
      )}

      {ANSWERABLE.has(order.status) ? (
        <form onSubmit={(e) => void submit(e)} noValidate className="torg-stack">
          <Fieldset>
            <Fieldset.Legend>{t('supplier.answer.legend')}</Fieldset.Legend>
            {(['ACCEPTED', 'REJECTED', 'LINES'] as const).map((d) => (
              <Radio key={d} name="decision" value={d} label={t(`supplier.answer.decisions.${d}`)} checked={draft.decision === d} onChange={() => setDraft({ ...draft, decision: d })} />
            ))}
          </Fieldset>
          {draft.decision === 'LINES' &&
            draft.lines.map((l) => {
              const line = order.lines.find((x) => x.lineId === l.lineId)!;
              return (
                <Fieldset key={l.lineId}>
                  <Fieldset.Legend>{t('supplier.answer.lineLegend', { line: l.lineId, name: line.name })}</Fieldset.Legend>
                  <Field>
                    <Label htmlFor={`choice-${l.lineId}`}>{t('supplier.answer.choice')}</Label>
                    <Select
                      id={`choice-${l.lineId}`}
                      value={l.choice}
                      onChange={(e) => setLine(l.lineId, { choice: e.target.value as LineChoice })}
                      aria-invalid={errorFor(`${l.lineId}.choice`) ? true : undefined}
                    >
                      {(['ACCEPTED', 'CHANGED', 'NOT_ACCEPTED'] as const).map((c) => (
                        <Select.Option key={c} value={c}>
                          {t(`supplier.answer.choices.${c}`)}
                        </Select.Option>
                      ))}
                    </Select>
                    {errorFor(`${l.lineId}.choice`) && <ValidationMessage>{errorFor(`${l.lineId}.choice`)}</ValidationMessage>}
                  </Field>
                  {l.choice === 'CHANGED' && (
                    <>
                      <Textfield
                        label={t('supplier.answer.quantity', { unit: line.unitCode })}
                        description={t('supplier.answer.ordered', { value: formatNumber(line.quantity) })}
                        inputMode="decimal"
                        value={l.quantity}
                        onChange={(e) => setLine(l.lineId, { quantity: e.target.value })}
                        error={errorFor(`${l.lineId}.quantity`)}
                      />
                      <Textfield
                        label={t('supplier.answer.price')}
                        description={t('supplier.answer.ordered', { value: formatMoney(line.price, order.currency) })}
                        inputMode="decimal"
                        value={l.price}
                        onChange={(e) => setLine(l.lineId, { price: e.target.value })}
                        error={errorFor(`${l.lineId}.price`)}
                      />
                      <Textfield
                        label={t('supplier.answer.date')}
                        type="date"
                        value={l.deliveryDate}
                        onChange={(e) => setLine(l.lineId, { deliveryDate: e.target.value })}
                        error={errorFor(`${l.lineId}.deliveryDate`)}
                      />
                      <Fieldset>
                        <Fieldset.Legend>{t('supplierPortal.answer.substituteLegend')}</Fieldset.Legend>
                        <Fieldset.Description>{t('supplierPortal.answer.substituteHint')}</Fieldset.Description>
                        <Textfield
                          label={t('supplierPortal.answer.substituteSellerItemId')}
                          value={l.substituteSellerItemId ?? ''}
                          onChange={(e) => setLine(l.lineId, { substituteSellerItemId: e.target.value })}
                          error={errorFor(`${l.lineId}.substituteSellerItemId`)}
                        />
                        <Textfield
                          label={t('supplierPortal.answer.substituteName')}
                          value={l.substituteName ?? ''}
                          onChange={(e) => setLine(l.lineId, { substituteName: e.target.value })}
                          error={errorFor(`${l.lineId}.substituteName`)}
                        />
                        <Textfield
                          label={t('supplierPortal.answer.substituteGtin')}
                          inputMode="numeric"
                          value={l.substituteGtin ?? ''}
                          onChange={(e) => setLine(l.lineId, { substituteGtin: e.target.value })}
                          error={errorFor(`${l.lineId}.substituteGtin`)}
                        />
                      </Fieldset>
                    </>
                  )}
                </Fieldset>
              );
            })}
          {errorFor('lines') && <ValidationMessage>{errorFor('lines')}</ValidationMessage>}
          <Field>
            <Label htmlFor="answer-note">{draft.decision === 'REJECTED' ? t('supplier.answer.reason') : t('supplier.answer.note')}</Label>
            <Textarea id="answer-note" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} aria-invalid={errorFor('note') ? true : undefined} />
            {errorFor('note') && <ValidationMessage>{errorFor('note')}</ValidationMessage>}
          </Field>
          {failure && <ErrorAlert title={t('supplier.answer.failedTitle')} message={failure} />}
          <Button type="submit" disabled={sending.fetching}>
            {t('supplier.answer.send')}
          </Button>
        </form>
      ) : (
        <Paragraph>{t('supplier.answer.notAnswerable')}</Paragraph>
      )}

      {order.despatchAdvices.length > 0 && (
        <section aria-labelledby="despatches-heading">
          <Heading level={2} data-size="sm" id="despatches-heading">
            {t('supplierPortal.despatch.list')}
          </Heading>
          <ul data-testid="despatches">
            {order.despatchAdvices.map((d) => (
              <li key={d.id}>
                {t('supplierPortal.despatch.listItem', {
                  id: d.despatchId,
                  date: formatDate(d.issueDate),
                  lines: d.lines.map((l) => `${l.lineId}: ${formatNumber(l.deliveredQuantity)} ${l.unitCode}`).join(', '),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {DESPATCHABLE.has(order.status) ? (
        <DespatchForm key={`despatch-${order.id}`} orderId={order.id} lines={order.lines} onRegistered={() => refetch({ requestPolicy: 'network-only' })} />
      ) : (
        <Paragraph>{t('supplierPortal.despatch.notDespatchable')}</Paragraph>
      )}
      {INVOICEABLE.has(order.status) ? (
        <InvoiceFromOrderForm
          key={`invoice-${order.id}`}
          orderId={order.id}
          orderNumber={order.number ?? String(order.id)}
          currency={order.currency}
          lines={order.lines}
          onCreated={() => refetch({ requestPolicy: 'network-only' })}
        />
      ) : (
        <Paragraph>{t('supplierPortal.invoice.notInvoiceable')}</Paragraph>
      )}
    </>
  );
}
