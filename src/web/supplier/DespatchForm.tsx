import { Button, Fieldset, Heading, Paragraph, Textarea, Field, Label, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useKeptDraft } from '../auth/useKeptDraft';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatNumber } from '../format/format';
import { graphql } from '../gql';
import { checkDespatch, fullDespatch, toDespatchInput, type DespatchDraft } from './despatch';
import type { FieldError } from './order-answer';
import { refusalText } from '../refusals/refusal-text';

const RegisterDespatch = graphql(`
  mutation RegisterDespatch($input: RegisterDespatchInput!) {
    registerDespatch(input: $input) {
      __typename
      ... on DespatchRegistered {
        despatchAdvice {
          id
          despatchId
        }
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

export interface DespatchOrderLine {
  lineId: string;
  name: string;
  quantity: string;
  unitCode: string;
  status: string;
}

/** The supplier tells the buyer what is on its way: a despatch advice by line (registerDespatch). */
export function DespatchForm({ orderId, lines, onRegistered }: { orderId: number; lines: DespatchOrderLine[]; onRegistered: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const sendable = lines.filter((l) => l.status !== 'NOT_ACCEPTED' && l.status !== 'CANCELLED');
  // What was typed outlives an expired sign-in (useKeptDraft), per order.
  const [draft, setDraft] = useKeptDraft<DespatchDraft>(`despatch:${orderId}`, fullDespatch(sendable));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, register] = useMutation(RegisterDespatch);
  const errorFor = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(e.key) : undefined;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const problems = checkDespatch(draft);
    setErrors(problems);
    if (problems.length) {
      announce(t('supplierPortal.errors.summary', { count: problems.length }));
      return;
    }
    const res = await register({ input: toDespatchInput(orderId, draft) });
    const answer = res.data?.registerDespatch;
    if (res.error) setFailure(errorMessage(res.error, t));
    else if (answer && answer.__typename !== 'DespatchRegistered') setFailure(refusalText(answer, t));
    else if (answer) {
      announce(t('supplierPortal.despatch.recorded', { id: answer.despatchAdvice.despatchId }));
      // A new despatch starts empty but for the lines; what was sent is in the list above.
      setDraft(fullDespatch(sendable));
      onRegistered();
    }
  };

  return (
    <section aria-labelledby="despatch-heading" className="torg-stack">
      <Heading level={2} data-size="sm" id="despatch-heading">
        {t('supplierPortal.despatch.heading')}
      </Heading>
      <Paragraph>{t('supplierPortal.despatch.intro')}</Paragraph>
      <form onSubmit={(e) => void submit(e)} noValidate className="torg-stack" aria-labelledby="despatch-heading">
        <Textfield
          label={t('supplierPortal.despatch.despatchId')}
          description={t('supplierPortal.despatch.despatchIdHint')}
          value={draft.despatchId}
          onChange={(e) => setDraft({ ...draft, despatchId: e.target.value })}
          error={errorFor('despatchId')}
        />
        <Textfield
          label={t('supplierPortal.despatch.expected')}
          type="date"
          value={draft.expectedDeliveryDate}
          onChange={(e) => setDraft({ ...draft, expectedDeliveryDate: e.target.value })}
          error={errorFor('expectedDeliveryDate')}
        />
        <Fieldset>
          <Fieldset.Legend>{t('supplier.order.lines')}</Fieldset.Legend>
          {draft.lines.map((l) => {
            const line = sendable.find((x) => x.lineId === l.lineId)!;
            return (
              <Textfield
                key={l.lineId}
                label={t('supplierPortal.despatch.quantity', { line: l.lineId, name: line.name, unit: line.unitCode })}
                description={t('supplierPortal.despatch.ordered', { value: formatNumber(line.quantity) })}
                inputMode="decimal"
                value={l.quantity}
                onChange={(e) => setDraft({ ...draft, lines: draft.lines.map((x) => (x.lineId === l.lineId ? { ...x, quantity: e.target.value } : x)) })}
                error={errorFor(`${l.lineId}.quantity`)}
              />
            );
          })}
          {errorFor('lines') && <ValidationMessage>{errorFor('lines')}</ValidationMessage>}
        </Fieldset>
        <Field>
          <Label htmlFor="despatch-note">{t('supplierPortal.despatch.note')}</Label>
          <Textarea id="despatch-note" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} aria-invalid={errorFor('note') ? true : undefined} />
          {errorFor('note') && <ValidationMessage>{errorFor('note')}</ValidationMessage>}
        </Field>
        {failure && <ErrorAlert title={t('supplierPortal.despatch.failedTitle')} message={failure} />}
        <Button type="submit" disabled={sending.fetching}>
          {t('supplierPortal.despatch.send')}
        </Button>
      </form>
    </section>
  );
}
