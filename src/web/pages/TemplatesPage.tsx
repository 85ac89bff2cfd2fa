import { Alert, Button, Card, Heading, Link as DsLink, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { AddTemplateToCart, DeleteOrderTemplate, OrderTemplatesQuery, TEMPLATE_TYPES } from '../favourites/queries';
import { formatDate, formatNumber } from '../format/format';
import { useCursorPages, useEmptyPageGoesBack } from '../work/cursor-pages';

const PAGE_SIZE = 10;

interface Outcome {
  template: string;
  added: number;
  skipped: { sellerItemId: string; name: string; reason: string }[];
}

/** The requester's order templates: put one into the cart in a step (what could not be added is listed), or delete it. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // A page at a time from the server (keyset on name and id, so deleting one keeps the page's place).
  const pages = useCursorPages();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [result, refetch] = useQuery({ query: OrderTemplatesQuery, variables: { first: PAGE_SIZE, after: pages.after }, context: TEMPLATE_TYPES, requestPolicy: 'cache-and-network' });
  const [adding, addToCart] = useMutation(AddTemplateToCart);
  const [deleting, deleteTemplate] = useMutation(DeleteOrderTemplate);
  const connection = result.data?.orderTemplatesConnection;
  const templates = connection?.edges.map((e) => e.node);
  useEmptyPageGoesBack(templates?.length, pages);
  const failed = adding.error ?? deleting.error;

  const use = async (id: number, name: string) => {
    const r = await addToCart({ input: { templateId: id } }, TEMPLATE_TYPES);
    const answer = r.data?.addTemplateToCart;
    if (!answer) return;
    setOutcome({ template: name, added: answer.added, skipped: answer.skipped });
    announce(t('extra.templates.added', { count: answer.added, name }));
  };
  const remove = async (id: number, name: string) => {
    const r = await deleteTemplate({ input: { templateId: id } }, TEMPLATE_TYPES);
    if (!r.error) announce(t('extra.templates.deleted', { name }));
  };

  return (
    <>
      <PageHeading title={t('extra.templates.title')}>{t('extra.templates.title')}</PageHeading>
      <Paragraph>{t('extra.templates.intro')}</Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {failed && <ErrorAlert message={errorMessage(failed, t)} />}
      {outcome && (
        <Alert data-color={outcome.skipped.length ? 'warning' : 'success'} role="status" className="torg-alert">
          <Paragraph>
            {t('extra.templates.added', { count: outcome.added, name: outcome.template })}{' '}
            <DsLink asChild>
              <Link to="/cart">{t('extra.templates.toCart')}</Link>
            </DsLink>
          </Paragraph>
          {outcome.skipped.length > 0 && (
            <>
              <Paragraph>{t('extra.templates.skipped')}</Paragraph>
              <ul>
                {outcome.skipped.map((s) => (
                  <li key={s.sellerItemId}>
                    {s.name} ({s.sellerItemId}): {s.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Alert>
      )}
      {result.fetching && !templates && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {connection && connection.totalCount === 0 && <Paragraph>{t('extra.templates.empty')}</Paragraph>}
      <ul className="torg-plain-list torg-hits">
        {templates?.map((tpl) => (
          <li key={tpl.id}>
            <Card data-color="neutral" className="torg-hit">
              <Heading level={2} data-size="xs">
                {tpl.name}
              </Heading>
              <Paragraph data-size="sm">{t('extra.templates.savedAt', { date: formatDate(tpl.createdAt), count: tpl.lines.length })}</Paragraph>
              <ul>
                {tpl.lines.map((l) => (
                  <li key={l.lineNo}>
                    {formatNumber(l.quantity)} × {l.name} ({l.sellerItemId})
                  </li>
                ))}
              </ul>
              <div className="torg-tags">
                <Button data-size="sm" onClick={() => void use(tpl.id, tpl.name)} loading={adding.fetching}>
                  {t('extra.templates.use')}
                  <span className="torg-visually-hidden">: {tpl.name}</span>
                </Button>
                <Button data-size="sm" variant="tertiary" data-color="danger" onClick={() => void remove(tpl.id, tpl.name)} loading={deleting.fetching}>
                  {t('extra.templates.delete')}
                  <span className="torg-visually-hidden">: {tpl.name}</span>
                </Button>
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <CursorPager
        label={t('extra.templates.pager')}
        page={pages.page}
        hasNext={!!connection?.pageInfo.hasNextPage}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection?.pageInfo.endCursor)}
      />
    </>
  );
}
