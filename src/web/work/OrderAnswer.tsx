import { Button, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate, formatMoney, formatNumber } from '../format/format';
import type { MyOrderFieldsFragment } from '../gql/graphql';
import { AcceptChanges, RejectChanges } from './order-queries';
import { refusalText } from '../refusals/refusal-text';
import { useKeptDraft } from '../auth/useKeptDraft';

type Order = MyOrderFieldsFragment;

/** What one answered line proposes, in words ("Antall 150 → 100", "Leveres ikke"). */
export function changeText(
  line: Order['responses'][number]['lines'][number],
  ordered: Order['lines'][number] | undefined,
  currency: string,
  t: (k: string, o?: Record<string, string>) => string,
): string {
  if (line.status === 'NOT_ACCEPTED') return t('work.order.changeNotAccepted');
  const parts: string[] = [];
  // Once the changes are accepted the order line holds the new values: then only "changed to" is said.
  if (line.quantity != null && ordered)
    parts.push(
      line.quantity !== ordered.quantity
        ? t('work.order.changeQuantity', { from: formatNumber(ordered.quantity), to: formatNumber(line.quantity) })
        : t('work.order.changedQuantity', { to: formatNumber(line.quantity) }),
    );
  if (line.price != null && ordered)
    parts.push(
      line.price !== ordered.price
        ? t('work.order.changePrice', { from: formatMoney(ordered.price, currency), to: formatMoney(line.price, currency) })
        : t('work.order.changedPrice', { to: formatMoney(line.price, currency) }),
    );
  if (line.substitute) parts.push(t('work.order.changeSubstitute', { name: line.substitute.name }));
  return parts.length ? parts.join('; ') : t('work.order.changeAccepted');
}

/** The supplier's latest answer, its proposed changes line by line, and (when the order is CHANGED) accept or reject them. */
export function OrderAnswer({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [accepting, accept] = useMutation(AcceptChanges);
  const [rejecting, reject] = useMutation(RejectChanges);
  const [reason, setReason] = useKeptDraft(`reject-changes:${order.id}`, '');
  const [reasonError, setReasonError] = useState<string>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const latest = order.responses[order.responses.length - 1];
  const byLineId = new Map(order.lines.map((l) => [l.lineId, l]));

  const answer = (a: { __typename: string } | undefined, done: string) => {
    const typename = a?.__typename;
    if (!a || !typename) return; // a failed request: the mutation's error is shown, the reason kept
    if (typename === 'Order') {
      setRefusal(null);
      setReason('');
      announce(done);
      return;
    }
    setRefusal(typename === 'OrderVersionConflictError' ? t('work.order.versionConflict') : refusalText(a, t));
    onChanged();
  };

  return (
    <section aria-labelledby="answer-heading" className="torg-work-section">
      <Heading level={2} data-size="sm" id="answer-heading">
        {t('work.order.answer')}
      </Heading>
      {!latest && <Paragraph>{t('work.order.noAnswer')}</Paragraph>}
      {latest && (
        <>
          <Paragraph data-testid="order-answer">
            {t('work.order.answeredAt', { date: formatDate(latest.issueDate), code: t(`work.order.answerCodes.${latest.responseCode}`) })}
            {latest.promisedDeliveryStart && (
              <> · {t('work.order.promised', { from: formatDate(latest.promisedDeliveryStart), to: formatDate(latest.promisedDeliveryEnd ?? latest.promisedDeliveryStart) })}</>
            )}
          </Paragraph>
          {latest.note && <Paragraph>{t('work.order.note', { note: latest.note })}</Paragraph>}
          {latest.lines.length > 0 && (
            <Table data-size="sm">
              <caption>{t('work.order.changeCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('work.order.line')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('work.order.item')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('work.order.lineStatus')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {latest.lines.map((l) => (
                  <Table.Row key={l.lineId}>
                    <Table.Cell>{l.lineId}</Table.Cell>
                    <Table.Cell>{byLineId.get(l.lineId)?.name ?? '–'}</Table.Cell>
                    <Table.Cell>
                      {changeText(l, byLineId.get(l.lineId), order.currency, t)}
                      {l.note && ` (${l.note})`}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </>
      )}
      {order.status === 'CHANGED' && (
        <div className="torg-work-decision">
          <Heading level={3} data-size="xs">
            {t('work.order.decideChanges')}
          </Heading>
          <Paragraph>{t('work.order.decideIntro')}</Paragraph>
          {refusal && <ErrorAlert message={refusal} />}
          {accepting.error && <ErrorAlert message={errorMessage(accepting.error, t)} />}
          {rejecting.error && <ErrorAlert message={errorMessage(rejecting.error, t)} />}
          <Textfield
            label={t('work.order.rejectReason')}
            description={t('work.order.rejectReasonHint')}
            multiline
            rows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError}
          />
          <div className="torg-actions">
            <Button
              loading={accepting.fetching}
              disabled={accepting.fetching || rejecting.fetching}
              onClick={() =>
                void (async () => {
                  const r = await accept({ orderId: order.id, expectedVersion: order.version });
                  const a = r.data?.acceptOrderChanges;
                  answer(a, t('work.order.accepted'));
                })()
              }
            >
              {accepting.fetching ? t('work.order.accepting') : t('work.order.accept')}
            </Button>
            <Button
              variant="secondary"
              loading={rejecting.fetching}
              disabled={accepting.fetching || rejecting.fetching}
              onClick={() =>
                void (async () => {
                  if (reason.trim().length < 3) {
                    setReasonError(t('work.order.rejectReasonMissing'));
                    return;
                  }
                  setReasonError(undefined);
                  const r = await reject({ orderId: order.id, expectedVersion: order.version, reason: reason.trim() });
                  const a = r.data?.rejectOrderChanges;
                  answer(a, t('work.order.rejected'));
                })()
              }
            >
              {rejecting.fetching ? t('work.order.rejecting') : t('work.order.reject')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
