import { formatMoney, formatPercent } from '../format/format';
import type { CartFieldsFragment } from '../gql/graphql';
import { useTranslation } from 'react-i18next';

/** Totals per currency: excluding VAT, VAT per rate, including VAT. */
export function CartTotals({ totals }: { totals: CartFieldsFragment['totals'] }) {
  const { t } = useTranslation();
  return (
    <>
      {totals.map((total) => (
        <dl key={total.currency} className="torg-totals">
          <div>
            <dt>{t('cart.subtotal')}</dt>
            <dd>{formatMoney(total.lineExtensionAmount, total.currency)}</dd>
          </div>
          {total.vatBreakdown.map((v) => (
            <div key={v.rate}>
              <dt>{t('cart.vatAt', { rate: formatPercent(v.rate) })}</dt>
              <dd>{formatMoney(v.vatAmount, total.currency)}</dd>
            </div>
          ))}
          <div className="torg-grand-total">
            <dt>{t('cart.total')}</dt>
            <dd>{formatMoney(total.taxInclusiveAmount, total.currency)}</dd>
          </div>
        </dl>
      ))}
    </>
  );
}
