import { Button, Card, Heading, Link as DsLink, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { AddToCart } from '../cart/AddToCart';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { FAVOURITE_TYPES, FavouritesPageQuery, RemoveFavourite } from '../favourites/queries';
import { formatDate, formatMoney } from '../format/format';
import { useCursorPages, useEmptyPageGoesBack } from '../work/cursor-pages';

const PAGE_SIZE = 10;

/** The requester's favourites: each as the catalogue in force holds it now, to put in the cart or remove. */
export function FavouritesPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // A page at a time from the server; the cursor is the last favourite's name and id, so removing one keeps the page's place.
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: FavouritesPageQuery, variables: { first: PAGE_SIZE, after: pages.after }, context: FAVOURITE_TYPES, requestPolicy: 'cache-and-network' });
  const [removed, remove] = useMutation(RemoveFavourite);
  const connection = result.data?.favouritesConnection;
  const favourites = connection?.edges.map((e) => e.node);
  useEmptyPageGoesBack(favourites?.length, pages);
  const removeIt = async (id: number, name: string) => {
    const r = await remove({ favouriteId: id }, FAVOURITE_TYPES);
    if (!r.error) announce(t('extra.favourites.removed', { name }));
  };
  return (
    <>
      <PageHeading title={t('extra.favourites.title')}>{t('extra.favourites.title')}</PageHeading>
      <Paragraph>{t('extra.favourites.intro')}</Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {removed.error && <ErrorAlert message={errorMessage(removed.error, t)} />}
      {result.fetching && !favourites && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {connection && connection.totalCount === 0 && (
        <Paragraph>
          {t('extra.favourites.empty')}{' '}
          <DsLink asChild>
            <Link to="/search">{t('cart.toSearch')}</Link>
          </DsLink>
        </Paragraph>
      )}
      <ul className="torg-plain-list torg-hits">
        {favourites?.map((f) => (
          <li key={f.id}>
            <Card data-color="neutral" className="torg-hit">
              <Heading level={2} data-size="xs">
                {f.name}
              </Heading>
              <Paragraph data-size="sm">
                {f.sellerItemId} · {t('extra.favourites.addedAt', { date: formatDate(f.addedAt) })}
              </Paragraph>
              {f.currentItemId && f.currentPrice ? (
                <>
                  <Paragraph>
                    <strong className="torg-price">{formatMoney(f.currentPrice, f.currency ?? 'NOK')}</strong>
                  </Paragraph>
                  <AddToCart itemId={f.currentItemId} name={f.name} />
                </>
              ) : (
                <Tag data-color="warning" data-size="sm">
                  {t('extra.favourites.notOrderable')}
                </Tag>
              )}
              <div>
                <Button variant="tertiary" data-color="danger" data-size="sm" onClick={() => void removeIt(f.id, f.name)} loading={removed.fetching}>
                  {t('extra.favourites.remove')}
                  <span className="torg-visually-hidden">: {f.name}</span>
                </Button>
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <CursorPager
        label={t('extra.favourites.pager')}
        page={pages.page}
        hasNext={!!connection?.pageInfo.hasNextPage}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection?.pageInfo.endCursor)}
      />
    </>
  );
}
