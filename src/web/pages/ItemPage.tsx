import { Card, Heading, Link as DsLink, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { AddToCart } from '../cart/AddToCart';
import { SingleFavouriteToggle } from '../favourites/FavouriteToggle';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatMoney, formatPercent } from '../format/format';
import { SearchProducts } from '../search/queries';
import { attributeLabel } from '../search/attribute-label';

/**
 * One item, found by its supplier and the supplier's item number (the address stays valid when
 * a new catalogue version gives the item a new id): the search by that number within that
 * supplier, taking the exact match.
 */
export function ItemPage() {
  const { t } = useTranslation();
  const { supplierId, sellerItemId = '' } = useParams();
  const [result, refetch] = useQuery({ query: SearchProducts, variables: { input: { text: sellerItemId, supplierIds: [Number(supplierId)], first: 20 } } });
  const search = result.data?.searchProducts;
  const item = search?.edges.map((e) => e.node).find((n) => n.sellerItemId === sellerItemId);
  const supplierName = search?.facets.supplier.find((s) => Number(s.value) === item?.supplierId)?.label;
  if (result.error) return <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (result.fetching && !search) return <Paragraph>{t('app.loading')}</Paragraph>;
  const back = (
    <DsLink asChild>
      <Link to="/search">{t('item.backToSearch')}</Link>
    </DsLink>
  );
  if (!item) {
    return (
      <>
        <PageHeading title={t('app.notFoundTitle')}>{t('app.notFoundTitle')}</PageHeading>
        <Paragraph>{t('item.notFound')}</Paragraph>
        {back}
      </>
    );
  }
  const rows: [string, string | null | undefined][] = [
    [t('item.supplier'), supplierName],
    [t('item.sellerItemId'), item.sellerItemId],
    [t('item.gtin'), item.gtin],
    [t('item.manufacturer'), item.manufacturer],
    [t('item.unspsc'), item.unspscCode],
    [t('item.unit'), item.unitCode],
    [t('item.vatRate'), formatPercent(item.vatRate)],
    ...Object.entries(item.attributes).map(([k, v]): [string, string] => [attributeLabel(k, t), String(v)]),
  ];
  return (
    <>
      {back}
      <PageHeading title={item.name}>{item.name}</PageHeading>
      <div className="torg-tags">
        <Tag data-color="success">{t('search.agreementItem')}</Tag>
        {item.mandatory && <Tag data-color="warning">{t('search.mandatory')}</Tag>}
      </div>
      <Card data-color="neutral" className="torg-item">
        <Paragraph data-size="lg">
          <strong>{formatMoney(item.price, item.currency)}</strong> {t('search.perUnit', { unit: item.unitCode })}
        </Paragraph>
        <AddToCart itemId={item.itemId} name={item.name} />
        <SingleFavouriteToggle item={item} />
      </Card>
      {item.description && (
        <>
          <Heading level={2} data-size="sm">
            {t('item.description')}
          </Heading>
          <Paragraph>{item.description}</Paragraph>
        </>
      )}
      <Heading level={2} data-size="sm">
        {t('item.details')}
      </Heading>
      <dl className="torg-details">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
