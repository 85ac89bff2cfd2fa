import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import type { MyOrderFieldsFragment } from '../gql/graphql';
import { refusalText } from '../refusals/refusal-text';
import { CloseOrder } from './order-queries';

/** Orders the buyer may close (the server's state table says the same): accepted, or received in part or in full. */
export const CLOSABLE_STATES = ['ACCEPTED', 'PARTIALLY_RECEIVED', 'RECEIVED'];

/** The server asks for a reason of at least this many characters. */
const MIN_REASON = 3;

/**
 * Closing an order whose rest will not come, with a reason: the server settles its commitment to
 * what was delivered and matches its waiting invoices again. The order's page reloads from the
 * answer (it carries the order), so the form disappears with the status it needed.
 */
export function CloseOrderForm({ order }: { order: MyOrderFieldsFragment }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [state, close] = useMutation(CloseOrder);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const submit = async () => {
    setRefusal(null);
    if (reason.trim().length < MIN_REASON) {
      setError(t('work.order.closeReasonRequired'));
      field.current?.focus();
      return;
    }
    setError(undefined);
    const r = await close({ input: { orderId: order.id, expectedVersion: order.version, reason: reason.trim() } });
    const a = r.data?.closeOrder;
    if (!a) return; // the request failed: state.error says what to do; the reason typed stays
    if (a.__typename === 'Order') {
      setReason('');
      announce(t('work.order.closeDone'));
    } else if (a.__typename === 'OrderStateError') setRefusal(t('work.order.notClosable', { status: t(`requisition.statuses.${a.status}`) }));
    else if (a.__typename === 'OrderVersionConflictError') setRefusal(t('work.order.versionConflict'));
    else setRefusal(refusalText(a, t));
  };

  return (
    <section aria-labelledby="close-heading" className="torg-work-section">
      <Heading level={2} data-size="sm" id="close-heading">
        {t('work.order.closeOrder')}
      </Heading>
      <Paragraph>{t('work.order.closeIntro')}</Paragraph>
      {refusal && <ErrorAlert message={refusal} />}
      {state.error && <ErrorAlert message={errorMessage(state.error, t)} />}
      <form
        noValidate
        className="torg-work-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Textfield ref={field} id="close-reason" label={t('work.order.closeReason')} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} error={error} />
        <div className="torg-actions">
          <Button type="submit" variant="secondary" loading={state.fetching} disabled={state.fetching}>
            {state.fetching ? t('work.order.closing') : t('work.order.closeSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
