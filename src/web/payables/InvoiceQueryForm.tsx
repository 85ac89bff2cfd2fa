import { Button, Details, Paragraph, Select, Field, Label, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { useKeptDraft } from '../auth/useKeptDraft';
import { QueryInvoice } from './queries';
import { queryProblems, QUERY_REASON_CODES, type QueryReasonCode } from './reason-text';
import { refusalText } from '../refusals/refusal-text';

const EMPTY_QUERY = { code: 'PRI' as QueryReasonCode, text: '', note: '' };

/**
 * Accounts payable asks the supplier about an invoice (queryInvoice: a status reason code and its
 * text, a note). A refusal or a failed request keeps everything typed.
 */
export function InvoiceQueryForm({ invoice, onDone }: { invoice: { id: number; version: number; number: string }; onDone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // Kept in the tab until sent: an expired sign-in does not lose the question.
  const [draft, setDraft] = useKeptDraft<{ code: QueryReasonCode; text: string; note: string }>(`invoice-query-${invoice.id}`, EMPTY_QUERY);
  const { code, text, note } = draft;
  const setCode = (c: QueryReasonCode) => setDraft({ ...draft, code: c });
  const setText = (v: string) => setDraft({ ...draft, text: v });
  const setNote = (v: string) => setDraft({ ...draft, note: v });
  const [problems, setProblems] = useState<{ text?: string; note?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [state, send] = useMutation(QueryInvoice);
  const id = `query-${invoice.id}`;

  const submit = async () => {
    setRefusal(null);
    const found = queryProblems({ text, note });
    setProblems(found);
    if (found.text || found.note) return;
    const r = await send({
      input: { invoiceId: invoice.id, expectedVersion: invoice.version, reasons: [{ code, text: text.trim() }], note: note.trim() || undefined },
    });
    const answer = r.data?.queryInvoice;
    if (!answer) return;
    if (answer.__typename === 'Invoice') {
      setDraft(EMPTY_QUERY);
      announce(t('extra.payables.query.sent', { number: invoice.number }));
      onDone();
    } else if (answer.__typename === 'InvoiceStateError') setRefusal(t('work.payables.stateError', { status: t(`work.payables.statuses.${answer.status}`) }));
    else if (answer.__typename === 'InvoiceVersionConflictError') setRefusal(t('work.payables.versionConflict'));
    else setRefusal(refusalText(answer, t));
  };

  return (
    <Details data-testid={`query-${invoice.number}`}>
      <Details.Summary>{t('extra.payables.query.open')}</Details.Summary>
      <Details.Content>
        <form
          className="torg-query-form"
          aria-label={t('extra.payables.query.title', { number: invoice.number })}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Paragraph data-size="sm">{t('extra.payables.query.intro')}</Paragraph>
          <Field>
            <Label htmlFor={`${id}-code`}>{t('extra.payables.query.code')}</Label>
            <Select id={`${id}-code`} value={code} onChange={(e) => setCode(e.target.value as QueryReasonCode)}>
              {QUERY_REASON_CODES.map((c) => (
                <Select.Option key={c} value={c}>
                  {t(`extra.payables.query.codes.${c}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield
            id={`${id}-text`}
            label={t('extra.payables.query.text')}
            description={t('extra.payables.query.textHelp')}
            multiline
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={problems.text ? t(problems.text) : undefined}
          />
          <Textfield id={`${id}-note`} label={t('extra.payables.query.note')} value={note} onChange={(e) => setNote(e.target.value)} error={problems.note ? t(problems.note) : undefined} />
          {refusal && <ErrorAlert message={refusal} />}
          {state.error && <ErrorAlert message={errorMessage(state.error, t)} />}
          <Button type="submit" variant="secondary" loading={state.fetching}>
            {state.fetching ? t('extra.payables.query.sending') : t('extra.payables.query.send')}
          </Button>
        </form>
      </Details.Content>
    </Details>
  );
}
