import { Button, ErrorSummary, Field, Fieldset, Heading, Label, Radio, Select, Textfield } from '@digdir/designsystemet-react';
import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';
import { useRef, useState, type ElementRef, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatMoney, formatNumber } from '../format/format';
import { checkCeiling, checkClause, clauseDraftOf, clauseFieldOf, type ClauseDraft, type ClauseField } from './agreement-terms';
import { RemoveAgreementPriceClause, SetAgreementCeiling, SetAgreementPriceClause } from './queries';
import { useKeptDraft } from '../auth/useKeptDraft';

/**
 * What the server said, in the user's words and with what to do: a field it names goes beside
 * that field, with the rule the form checks for it (the server checks the same); not the managing
 * unit (FORBIDDEN), a vanished agreement (NOT_FOUND) and the rest as one message, by code
 * (api/errors). The server's message is English prose and is never shown. These mutations
 * answer with the agreement or a GraphQL error (no result union).
 */
export function termsRefusal<F extends string>(error: CombinedError, t: TFunction, fieldOf: (field: unknown) => F | null, ruleOf: (field: F) => string): { field: F | null; message: string } {
  const first = error.graphQLErrors[0];
  const ext = first?.extensions ?? {};
  if (ext.code === 'FORBIDDEN') return { field: null, message: t('purchasing.terms.errors.forbidden') };
  if (ext.code === 'NOT_FOUND') return { field: null, message: t('purchasing.terms.errors.notFound') };
  if (ext.code === 'BAD_USER_INPUT') {
    // A domain refusal names its `field`; the input validation lists the argument(s) in `fields`.
    const named = ext.field ?? (Array.isArray(ext.fields) && ext.fields.length === 1 ? ext.fields[0] : undefined);
    const field = fieldOf(named);
    if (field) return { field, message: ruleOf(field) };
  }
  return { field: null, message: errorMessage(error, t) };
}

/** The rule the form checks for each clause field: what a refusal of that field says. */
export const CLAUSE_RULES: Record<ClauseField, string> = {
  percent: 'purchasing.terms.errors.percentRange',
  periodMonths: 'purchasing.terms.errors.periodMonths',
  indexName: 'purchasing.terms.errors.indexName',
  baseDate: 'purchasing.terms.errors.baseDate',
  baseValue: 'purchasing.terms.errors.baseValue',
  sharePercent: 'purchasing.terms.errors.sharePercent',
};

/** The ceiling as it is typed in Norway ("1 250 000,5"), for the field. */
const typedAmount = (value: string | null | undefined) => (value == null ? '' : formatNumber(value).replace(/\u202f/g, '\u00a0'));

/** How a terms field is typed: the keyboard it asks for on a phone, or a date picker. */
type FieldKind = 'decimal' | 'numeric' | 'text' | 'date';

/**
 * One field of the terms forms: a Designsystemet Textfield with its label, hint and error (the
 * error also stands in the summary, which links here by `id`). What is typed is kept as typed.
 */
function TermsField({
  id,
  label,
  hint,
  kind,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint?: string;
  kind: FieldKind;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Textfield
      id={id}
      type={kind === 'date' ? 'date' : 'text'}
      label={label}
      description={hint}
      inputMode={kind === 'date' ? undefined : kind}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

function Summary({ id, errors, fieldIds, summaryRef }: { id: string; errors: [string, string][]; fieldIds: Record<string, string>; summaryRef: Ref<ElementRef<typeof ErrorSummary>> }) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  return (
    <ErrorSummary ref={summaryRef} tabIndex={-1} data-testid={id}>
      <ErrorSummary.Heading>{t('purchasing.terms.errorSummary')}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${fieldIds[field]}`}>{message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** Sets, changes or removes the agreement's value ceiling (shared by every participant, in the agreement's currency). */
export function CeilingForm({ agreement, onSaved }: { agreement: { id: number; currency: string; valueCeiling?: string | null; committed: string }; onSaved: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // What was typed outlives an expired sign-in (useKeptDraft), per agreement; the saved value otherwise.
  const [amount, setAmount, discardAmount] = useKeptDraft(`ceiling:${agreement.id}`, typedAmount(agreement.valueCeiling));
  const [errors, setErrors] = useState<{ amount?: string }>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [state, save] = useMutation(SetAgreementCeiling);
  const summaryRef = useRef<ElementRef<typeof ErrorSummary>>(null);
  const fieldId = 'ceiling-amount';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    const checked = checkCeiling({ amount });
    const errs = checked.errors.amount ? { amount: t(checked.errors.amount, { currency: agreement.currency }) } : {};
    setErrors(errs);
    if (checked.valueCeiling === undefined) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const r = await save({ agreementId: agreement.id, valueCeiling: checked.valueCeiling });
    if (r.error) {
      const why = termsRefusal(
        r.error,
        t,
        (f) => (f === 'valueCeiling' ? 'amount' : null),
        () => t('purchasing.terms.errors.amountFormat', { currency: agreement.currency }),
      );
      if (why.field) {
        setErrors({ amount: why.message });
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else setGeneral(why.message);
      return; // what was typed stays
    }
    const saved = r.data?.setAgreementCeiling;
    discardAmount(typedAmount(saved?.valueCeiling));
    announce(saved?.valueCeiling ? t('purchasing.terms.ceilingSaved', { amount: formatMoney(saved.valueCeiling, agreement.currency) }) : t('purchasing.terms.ceilingRemoved'));
    onSaved();
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="torg-work-form" aria-labelledby="ceiling-form-heading" data-testid="ceiling-form">
      <Heading level={3} data-size="xs" id="ceiling-form-heading">
        {t('purchasing.terms.ceilingForm')}
      </Heading>
      <Summary id="ceiling-errors" errors={Object.entries(errors)} fieldIds={{ amount: fieldId }} summaryRef={summaryRef} />
      {general && <ErrorAlert message={general} />}
      <TermsField
        id={fieldId}
        kind="decimal"
        label={t('purchasing.terms.ceilingAmount', { currency: agreement.currency })}
        hint={t('purchasing.terms.ceilingHint', { currency: agreement.currency, committed: formatMoney(agreement.committed, agreement.currency) })}
        value={amount}
        onChange={setAmount}
        error={errors.amount}
      />
      <div className="torg-actions">
        <Button type="submit" loading={state.fetching} disabled={state.fetching}>
          {state.fetching ? t('purchasing.terms.saving') : t('purchasing.terms.saveCeiling')}
        </Button>
      </div>
    </form>
  );
}

type Clause = Parameters<typeof clauseDraftOf>[0];

const CLAUSE_IDS: Record<ClauseField, string> = {
  percent: 'clause-percent',
  periodMonths: 'clause-period',
  indexName: 'clause-index-name',
  baseDate: 'clause-base-date',
  baseValue: 'clause-base-value',
  sharePercent: 'clause-share',
};

/** Sets or replaces the price-adjustment clause (a maximum increase per period, or an index), or removes it. */
export function PriceClauseForm({ agreementId, clause, onSaved }: { agreementId: number; clause: Clause; onSaved: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // What was typed outlives an expired sign-in (useKeptDraft), per agreement; the saved clause otherwise.
  const [draft, setDraft, discardDraft] = useKeptDraft<ClauseDraft>(`price-clause:${agreementId}`, clauseDraftOf(clause));
  const [errors, setErrors] = useState<Partial<Record<ClauseField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, save] = useMutation(SetAgreementPriceClause);
  const [removing, remove] = useMutation(RemoveAgreementPriceClause);
  const summaryRef = useRef<ElementRef<typeof ErrorSummary>>(null);
  const set = (field: keyof ClauseDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  /** The field for the draft's `key`: its id (where the summary links), value and error follow from the key. */
  const field = (key: ClauseField, kind: FieldKind, label: string, hint?: string) => (
    <TermsField id={CLAUSE_IDS[key]} kind={kind} label={label} hint={hint} value={draft[key]} onChange={(value) => setDraft({ ...draft, [key]: value })} error={errors[key]} />
  );
  const busy = saving.fetching || removing.fetching;

  const showErrors = (errs: Partial<Record<ClauseField, string>>) => {
    setErrors(errs);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    const checked = checkClause(agreementId, draft);
    if (!checked.input) return showErrors(Object.fromEntries(Object.entries(checked.errors).map(([f, key]) => [f, t(key)])));
    setErrors({});
    const r = await save({ input: checked.input });
    if (r.error) {
      const why = termsRefusal(r.error, t, clauseFieldOf, (f) => t(CLAUSE_RULES[f]));
      if (why.field) showErrors({ [why.field]: why.message });
      else setGeneral(why.message);
      return; // what was typed stays
    }
    discardDraft(clauseDraftOf(r.data?.setAgreementPriceClause.priceClause));
    announce(t('purchasing.terms.clauseSaved'));
    onSaved();
  };

  const removeClause = async () => {
    setGeneral(null);
    const r = await remove({ agreementId });
    if (r.error)
      return setGeneral(
        termsRefusal(
          r.error,
          t,
          () => null,
          () => '',
        ).message,
      );
    discardDraft(clauseDraftOf(null));
    setErrors({});
    announce(t('purchasing.terms.clauseRemoved'));
    onSaved();
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="torg-work-form" aria-labelledby="clause-form-heading" data-testid="clause-form">
      <Heading level={3} data-size="xs" id="clause-form-heading">
        {t(clause ? 'purchasing.terms.clauseFormChange' : 'purchasing.terms.clauseFormSet')}
      </Heading>
      <Summary id="clause-errors" errors={Object.entries<string>(errors)} fieldIds={CLAUSE_IDS} summaryRef={summaryRef} />
      {general && <ErrorAlert message={general} />}
      <Fieldset>
        <Fieldset.Legend>{t('purchasing.terms.clauseKind')}</Fieldset.Legend>
        <Radio
          name="clause-kind"
          value="MAX_INCREASE"
          label={t('purchasing.terms.kinds.MAX_INCREASE')}
          checked={draft.kind === 'MAX_INCREASE'}
          onChange={() => setDraft({ ...draft, kind: 'MAX_INCREASE' })}
        />
        <Radio name="clause-kind" value="INDEX" label={t('purchasing.terms.kinds.INDEX')} checked={draft.kind === 'INDEX'} onChange={() => setDraft({ ...draft, kind: 'INDEX' })} />
      </Fieldset>
      {draft.kind === 'MAX_INCREASE' ? (
        <>
          {field('percent', 'decimal', t('purchasing.terms.percent'), t('purchasing.terms.percentHint'))}
          {field('periodMonths', 'numeric', t('purchasing.terms.periodMonths'))}
          <Field>
            <Label htmlFor="clause-reference">{t('purchasing.terms.reference')}</Label>
            <Select id="clause-reference" value={draft.reference} onChange={set('reference')}>
              <Select.Option value="AGREEMENT_START">{t('purchasing.terms.references.AGREEMENT_START')}</Select.Option>
              <Select.Option value="LAST_PUBLISH">{t('purchasing.terms.references.LAST_PUBLISH')}</Select.Option>
            </Select>
          </Field>
        </>
      ) : (
        <>
          {field('indexName', 'text', t('purchasing.terms.indexName'), t('purchasing.terms.indexNameHint'))}
          {field('baseDate', 'date', t('purchasing.terms.baseDate'))}
          {field('baseValue', 'decimal', t('purchasing.terms.baseValue'))}
          {field('sharePercent', 'decimal', t('purchasing.terms.sharePercent'), t('purchasing.terms.sharePercentHint'))}
        </>
      )}
      <div className="torg-actions">
        <Button type="submit" loading={saving.fetching} disabled={busy}>
          {saving.fetching ? t('purchasing.terms.saving') : t('purchasing.terms.saveClause')}
        </Button>
        {clause && (
          <Button type="button" variant="tertiary" loading={removing.fetching} disabled={busy} onClick={() => void removeClause()}>
            {t('purchasing.terms.removeClause')}
          </Button>
        )}
      </div>
    </form>
  );
}

/** The clause in force, in words. */
export function clauseText(c: NonNullable<Clause>, t: TFunction): string {
  return c.kind === 'MAX_INCREASE'
    ? t('purchasing.terms.maxIncreaseText', {
        percent: formatNumber(c.maxIncreasePercent ?? '0'),
        months: c.periodMonths,
        reference: t(`purchasing.terms.references.${c.reference ?? 'AGREEMENT_START'}`).toLowerCase(),
      })
    : t('purchasing.terms.indexText', { name: c.indexName, share: formatNumber(c.indexSharePercent ?? '100'), value: formatNumber(c.baseIndexValue ?? '0'), date: c.baseIndexDate });
}
