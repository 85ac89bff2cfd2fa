import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CartLineRow } from '../cart/CartLineRow';
import { CartTotals } from '../cart/CartTotals';
import { FreeTextForm } from '../cart/FreeTextForm';
import { CartQuery } from '../cart/queries';
import { SaveTemplateForm } from '../favourites/SaveTemplateForm';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';

/** The cart, per supplier: lines to change, free-text lines, cheaper agreement items, totals, and on to checkout. */
export function CartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [result, refetch] = useQuery({ query: CartQuery });
  const cart = result.data?.cart;
  const lineCount = cart?.supplierGroups.reduce((n, g) => n + g.lines.length, 0) ?? 0;
  return (
    <>
      <PageHeading title={t('cart.title')}>{t('cart.title')}</PageHeading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !cart && <Paragraph>{t('app.loading')}</Paragraph>}
      {cart && lineCount === 0 && (
        <Paragraph>
          {t('cart.empty')}{' '}
          <Button variant="tertiary" data-size="sm" onClick={() => void navigate('/search')}>
            {t('cart.toSearch')}
          </Button>
        </Paragraph>
      )}
      {cart?.supplierGroups.map((group) => (
        <section key={group.key} className="torg-cart-group" aria-labelledby={`group-${group.key}`}>
          <Heading level={2} data-size="sm" id={`group-${group.key}`}>
            {group.supplierName ? t('cart.supplierGroup', { supplier: group.supplierName }) : t('cart.noSupplier')}
          </Heading>
          <Table className="torg-cart-table" data-size="sm">
            <caption className="torg-visually-hidden">{group.supplierName ? t('cart.supplierGroup', { supplier: group.supplierName }) : t('cart.noSupplier')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('cart.name')}</Table.HeaderCell>
                <Table.HeaderCell>{t('cart.quantity')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('cart.unitPrice')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('cart.amount')}</Table.HeaderCell>
                <Table.HeaderCell>{t('cart.actions')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {group.lines.map((line) => (
                <CartLineRow key={`${line.id}-${line.quantity}`} line={line} />
              ))}
            </Table.Body>
          </Table>
        </section>
      ))}
      {cart && lineCount > 0 && (
        <section aria-labelledby="totals-heading" className="torg-cart-summary">
          <Heading level={2} data-size="sm" id="totals-heading">
            {t('cart.totals')}
          </Heading>
          <CartTotals totals={cart.totals} />
          {!cart.allOrderable && (
            <Alert data-color="warning" role="status">
              {t('cart.notOrderable')}
            </Alert>
          )}
          <Button onClick={() => void navigate('/checkout')} disabled={!cart.allOrderable}>
            {t('cart.toCheckout')}
          </Button>
        </section>
      )}
      {cart && lineCount > 0 && <SaveTemplateForm />}
      <FreeTextForm />
    </>
  );
}
