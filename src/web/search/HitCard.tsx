import { Card, Heading, Link as DsLink, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AddToCart } from '../cart/AddToCart';
import { FavouriteToggle } from '../favourites/FavouriteToggle';
import type { FavouriteMarks } from '../favourites/useFavouriteMarks';
import { formatMoney, formatPercent } from '../format/format';
import type { SearchHitFieldsFragment } from '../gql/graphql';
import { highlightParts } from './highlight';

export function itemPath(hit: { supplierId: number; sellerItemId: string }): string {
  return `/items/${hit.supplierId}/${encodeURIComponent(hit.sellerItemId)}`;
}

/** One search hit: name (matched words marked), agreement and mandatory tags, price, add to cart, favourite (`marks`: asked once for the page). */
export function HitCard({ hit, supplierName, marks }: { hit: SearchHitFieldsFragment; supplierName?: string; marks: FavouriteMarks }) {
  const { t } = useTranslation();
  return (
    <Card data-color="neutral" className="torg-hit">
      <Heading level={2} data-size="xs">
        <DsLink asChild>
          <Link to={itemPath(hit)}>{highlightParts(hit.highlightedName).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</Link>
        </DsLink>
      </Heading>
      <div className="torg-tags">
        <Tag data-color="success" data-size="sm">
          {t('search.agreementItem')}
        </Tag>
        {hit.mandatory && (
          <Tag data-color="warning" data-size="sm">
            {t('search.mandatory')}
          </Tag>
        )}
        {typeof hit.attributes.ecolabel === 'string' && (
          <Tag data-color="info" data-size="sm">
            {hit.attributes.ecolabel}
          </Tag>
        )}
      </div>
      <Paragraph data-size="sm">
        {supplierName ?? ''} {supplierName ? '·' : ''} {hit.sellerItemId}
      </Paragraph>
      <Paragraph>
        <strong className="torg-price">{formatMoney(hit.price, hit.currency)}</strong> {t('search.perUnit', { unit: hit.unitCode })} · {t('search.vat', { rate: formatPercent(hit.vatRate) })}
      </Paragraph>
      <AddToCart itemId={hit.itemId} name={hit.name} />
      <FavouriteToggle item={hit} marks={marks} />
    </Card>
  );
}
