import { Alert, Button, Details, Fieldset, Heading, Paragraph, Radio, Select, Field, Label, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatMoney } from '../format/format';
import { AddItemToCart } from './AddToCart';
import { checkFreeText, EMPTY_FREE_TEXT, JUSTIFICATION_CODES, type FreeTextDraft, type FreeTextErrors } from './free-text';
import { AddFreeText } from './queries';
import { useKeptDraft } from '../auth/useKeptDraft';
import { refusalText } from '../refusals/refusal-text';

interface Refusal {
  message: string;
  alternatives: { itemId: string; name: string; price: string; currency: string; unitCode: string }[];
}

/**
 * A line for something not in the catalogue (an estimate). Where a mandatory agreement covers
 * the category, the API refuses it without a justification and offers agreement items: the form
 * then shows those (one click adds one instead) and asks for the justification. What was typed
 * stays until the line is added.
 */
export function FreeTextForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // Kept in the tab until added: an expired sign-in does not lose it.
  const [draft, setDraft] = useKeptDraft<FreeTextDraft>('free-text', EMPTY_FREE_TEXT);
  const [errors, setErrors] = useState<FreeTextErrors>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [state, addFreeText] = useMutation(AddFreeText);
  const [altState, addItem] = useMutation(AddItemToCart);
  const set = (field: keyof FreeTextDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });

  const submit = async () => {
    const { errors: found, input } = checkFreeText(draft, !!refusal, t);
    setErrors(found);
    if (!input) return;
    const r = await addFreeText({ input: input as never });
    const answer = r.data?.addFreeTextToCart;
    if (answer?.__typename === 'CartLineAdded') {
      announce(t('cart.freeText.added', { name: answer.line.name }));
      setDraft(EMPTY_FREE_TEXT);
      setRefusal(null);
    } else if (answer?.__typename === 'MandatoryAgreementRefusal') {
      setRefusal({ message: refusalText(answer, t), alternatives: answer.alternatives });
    }
  };
  const addAlternative = async (itemId: string, name: string) => {
    const r = await addItem({ input: { itemId, quantity: draft.quantity.replace(',', '.') || '1' } });
    if (r.data?.addItemToCart.__typename === 'CartLineAdded') {
      announce(t('search.added', { name }));
      setDraft(EMPTY_FREE_TEXT);
      setRefusal(null);
    }
  };

  return (
    <Details className="torg-free-text">
      <Details.Summary>{t('cart.freeText.title')}</Details.Summary>
      <Details.Content>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Textfield label={t('cart.freeText.description')} description={t('cart.freeText.descriptionHint')} value={draft.description} onChange={set('description')} error={errors.description} />
          <div className="torg-field-row">
            <Textfield label={t('cart.freeText.quantity')} inputMode="decimal" value={draft.quantity} onChange={set('quantity')} error={errors.quantity} />
            <Textfield label={t('cart.freeText.unit')} description={t('cart.freeText.unitHint')} value={draft.unitCode} onChange={set('unitCode')} error={errors.unitCode} />
            <Textfield label={t('cart.freeText.price')} inputMode="decimal" value={draft.price} onChange={set('price')} error={errors.price} />
          </div>
          <div className="torg-field-row">
            <Textfield
              label={t('cart.freeText.unspsc')}
              description={t('cart.freeText.unspscHint')}
              inputMode="numeric"
              value={draft.unspscCode}
              onChange={set('unspscCode')}
              error={errors.unspscCode}
            />
            <Field>
              <Label htmlFor="free-text-vat">{t('cart.freeText.vatRate')}</Label>
              <Select id="free-text-vat" value={draft.vatRate} onChange={set('vatRate')}>
                {['25', '15', '12', '0'].map((r) => (
                  <Select.Option key={r} value={r}>
                    {r} %
                  </Select.Option>
                ))}
              </Select>
            </Field>
          </div>
          <Textfield label={t('cart.freeText.supplier')} value={draft.supplierName} onChange={set('supplierName')} />
          {refusal && (
            <div className="torg-refusal">
              <Alert data-color="warning" role="alert">
                <Heading level={3} data-size="xs">
                  {t('cart.freeText.justificationTitle')}
                </Heading>
                <Paragraph>{t('cart.freeText.justificationNeeded')}</Paragraph>
                <Paragraph data-size="sm">{refusal.message}</Paragraph>
              </Alert>
              {refusal.alternatives.length > 0 && (
                <ul className="torg-plain-list">
                  {refusal.alternatives.map((a) => (
                    <li key={a.itemId}>
                      <Paragraph data-size="sm">
                        {a.name} – {formatMoney(a.price, a.currency)} / {a.unitCode}
                      </Paragraph>
                      <Button type="button" data-size="sm" variant="secondary" onClick={() => void addAlternative(a.itemId, a.name)} loading={altState.fetching}>
                        {t('cart.freeText.addAlternative', { name: a.name })}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <Fieldset>
                <Fieldset.Legend>{t('cart.freeText.justificationCode')}</Fieldset.Legend>
                {JUSTIFICATION_CODES.map((code) => (
                  <Radio
                    key={code}
                    name="justification-code"
                    value={code}
                    checked={draft.justificationCode === code}
                    onChange={() => setDraft({ ...draft, justificationCode: code })}
                    label={t(`cart.freeText.justificationCodes.${code}`)}
                    error={errors.justificationCode && code === 'OTHER' ? errors.justificationCode : undefined}
                  />
                ))}
              </Fieldset>
              <Textfield
                multiline
                rows={3}
                label={t('cart.freeText.justificationText')}
                description={t('cart.freeText.justificationTextHint')}
                value={draft.justificationText}
                onChange={set('justificationText')}
                error={errors.justificationText}
              />
            </div>
          )}
          {state.error && <ErrorAlert message={errorMessage(state.error, t)} />}
          {altState.error && <ErrorAlert message={errorMessage(altState.error, t)} />}
          <Button type="submit" loading={state.fetching}>
            {t('cart.freeText.add')}
          </Button>
        </form>
      </Details.Content>
    </Details>
  );
}
