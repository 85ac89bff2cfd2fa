import { Button, Field, Heading, Label, Link as DsLink, Paragraph, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CartTotals } from '../cart/CartTotals';
import { checkCheckout, loadCheckoutDraft, saveCheckoutDraft, submitRefusal, type CheckoutDraft, type CheckoutErrors } from '../cart/checkout';
import { CartQuery } from '../cart/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { FieldErrorSummary, useErrorSummaryFocus } from '../components/FieldErrorSummary';
import { PageHeading } from '../components/PageHeading';
import { todayInNorway } from '../format/format';
import { graphql } from '../gql';

const CheckoutChoices = graphql(`
  query CheckoutChoices {
    costCentres(first: 100) {
      edges {
        node {
          id
          code
          name
          active
        }
      }
    }
    deliveryAddresses(first: 100) {
      edges {
        node {
          id
          label
          streetName
          postalCode
          city
          active
        }
      }
    }
  }
`);

const SubmitCart = graphql(`
  mutation SubmitCart($input: SubmitCartInput!) {
    submitCart(input: $input) {
      __typename
      ... on CartSubmitted {
        requisitions {
          id
          requisitionNumber
        }
      }
      ... on CeilingExceededError {
        requested
      }
      ... on ErrorResult {
        message
        errorCode
      }
      ... on BudgetExceededError {
        costCentreCode
        remaining
        requested
        currency
        year
      }
      ... on CeilingExceededError {
        agreementReference
        remaining
        currency
      }
      ... on NoApproverError {
        amount
      }
      ... on CartNotOrderableError {
        lines {
          name
          reason
        }
      }
    }
  }
`);

const FIELD_IDS: Record<keyof CheckoutDraft, string> = {
  costCentreId: 'checkout-cost-centre',
  deliveryAddressId: 'checkout-address',
  wantedDeliveryDate: 'checkout-date',
  noteToSupplier: 'checkout-note',
  customerReference: 'checkout-reference',
};

/** Checkout: cost centre, delivery address, date and note, then the requisition is submitted. */
export function CheckoutPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [choices, refetchChoices] = useQuery({ query: CheckoutChoices });
  const [cart] = useQuery({ query: CartQuery });
  const [submitState, submitCart] = useMutation(SubmitCart);
  const [draft, setDraft] = useState<CheckoutDraft>(loadCheckoutDraft);
  const [errors, setErrors] = useState<CheckoutErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const summary = useErrorSummaryFocus();
  useEffect(() => saveCheckoutDraft(draft), [draft]);
  const set = (field: keyof CheckoutDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  const costCentres = choices.data?.costCentres.edges.map((e) => e.node).filter((c) => c.active) ?? [];
  const addresses = choices.data?.deliveryAddresses.edges.map((e) => e.node).filter((a) => a.active) ?? [];

  const submit = async () => {
    setRefusal(null);
    const { errors: found, input } = checkCheckout(draft, t);
    setErrors(found);
    if (!input) {
      summary.focus();
      return;
    }
    // The answer holds orders, not the cart: say the cart changed too (the menu's count, the cart page).
    const r = await submitCart({ input: input as never }, { additionalTypenames: ['Cart'] });
    const answer = r.data?.submitCart;
    if (!answer) return; // a failed request: submitState.error says what to do, the form is kept
    if (answer.__typename === 'CartSubmitted') {
      saveCheckoutDraft(null);
      await navigate(`/requisitions?ids=${answer.requisitions.map((q) => q.id).join(',')}`);
      return;
    }
    const { message, field } = submitRefusal(answer, t);
    setRefusal(message);
    if (field) setErrors({ [field]: message });
  };

  return (
    <>
      <PageHeading title={t('checkout.title')}>{t('checkout.title')}</PageHeading>
      <Paragraph>{t('checkout.intro')}</Paragraph>
      {choices.error && <ErrorAlert message={errorMessage(choices.error, t)} onRetry={() => refetchChoices({ requestPolicy: 'network-only' })} />}
      <FieldErrorSummary heading={t('checkout.errorSummary')} errors={errors} fieldIds={FIELD_IDS} summaryRef={summary.ref} />
      {refusal && !Object.keys(errors).length && <ErrorAlert message={refusal} />}
      {submitState.error && <ErrorAlert message={errorMessage(submitState.error, t)} />}
      <form
        noValidate
        className="torg-checkout-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field>
          <Label htmlFor={FIELD_IDS.costCentreId}>{t('checkout.costCentre')}</Label>
          <Select
            id={FIELD_IDS.costCentreId}
            value={draft.costCentreId}
            onChange={set('costCentreId')}
            aria-invalid={!!errors.costCentreId}
            aria-describedby={errors.costCentreId ? `${FIELD_IDS.costCentreId}-error` : undefined}
          >
            <Select.Option value="">{t('checkout.choose')}</Select.Option>
            {costCentres.map((c) => (
              <Select.Option key={c.id} value={String(c.id)}>
                {c.code} – {c.name}
              </Select.Option>
            ))}
          </Select>
          {errors.costCentreId && <ValidationMessage id={`${FIELD_IDS.costCentreId}-error`}>{errors.costCentreId}</ValidationMessage>}
        </Field>
        <Field>
          <Label htmlFor={FIELD_IDS.deliveryAddressId}>{t('checkout.deliveryAddress')}</Label>
          <Select
            id={FIELD_IDS.deliveryAddressId}
            value={draft.deliveryAddressId}
            onChange={set('deliveryAddressId')}
            aria-invalid={!!errors.deliveryAddressId}
            aria-describedby={errors.deliveryAddressId ? `${FIELD_IDS.deliveryAddressId}-error` : undefined}
          >
            <Select.Option value="">{t('checkout.choose')}</Select.Option>
            {addresses.map((a) => (
              <Select.Option key={a.id} value={String(a.id)}>
                {a.label}, {a.streetName}, {a.postalCode} {a.city}
              </Select.Option>
            ))}
          </Select>
          {errors.deliveryAddressId && <ValidationMessage id={`${FIELD_IDS.deliveryAddressId}-error`}>{errors.deliveryAddressId}</ValidationMessage>}
        </Field>
        <Textfield
          id={FIELD_IDS.wantedDeliveryDate}
          type="date"
          min={todayInNorway()}
          label={t('checkout.wantedDate')}
          description={t('checkout.wantedDateHint')}
          value={draft.wantedDeliveryDate}
          onChange={set('wantedDeliveryDate')}
          error={errors.wantedDeliveryDate}
        />
        <Textfield
          id={FIELD_IDS.customerReference}
          label={t('checkout.reference')}
          description={t('checkout.referenceHint')}
          maxLength={100}
          value={draft.customerReference}
          onChange={set('customerReference')}
        />
        <Textfield id={FIELD_IDS.noteToSupplier} multiline rows={3} label={t('checkout.note')} maxLength={1000} value={draft.noteToSupplier} onChange={set('noteToSupplier')} />
        {cart.data && (
          <section aria-labelledby="checkout-summary">
            <Heading level={2} data-size="sm" id="checkout-summary">
              {t('checkout.summary')}
            </Heading>
            <CartTotals totals={cart.data.cart.totals} />
          </section>
        )}
        <div className="torg-actions">
          <Button type="submit" loading={submitState.fetching}>
            {submitState.fetching ? t('checkout.submitting') : t('checkout.submit')}
          </Button>
          <DsLink asChild>
            <Link to="/cart">{t('checkout.backToCart')}</Link>
          </DsLink>
        </div>
      </form>
    </>
  );
}
