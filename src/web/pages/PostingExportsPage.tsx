import '../work/work.css';
import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime } from '../format/format';
import { useCursorPages } from '../work/cursor-pages';
import { downloadWithToken } from '../work/download';
import { CreatePostingExport, PostingExportsQuery } from '../work/payables-queries';

/** Accounts payable exports approved invoices for posting, and downloads each batch as CSV or JSON. */
export function PostingExportsPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: PostingExportsQuery, variables: { after: pages.after }, requestPolicy: 'cache-and-network' });
  const [creating, create] = useMutation(CreatePostingExport);
  const [notice, setNotice] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const connection = result.data?.postingExports;

  const download = async (path: string, name: string) => {
    setDownloadError(null);
    setDownloading(path);
    try {
      const status = await downloadWithToken(path, name);
      if (status !== null) setDownloadError(t('work.postingExports.downloadFailed', { status: String(status) }));
    } catch {
      setDownloadError(t('errors.network'));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <>
      <PageHeading title={t('work.postingExports.title')}>{t('work.postingExports.title')}</PageHeading>
      <Paragraph>{t('work.postingExports.intro')}</Paragraph>
      {creating.error && <ErrorAlert message={errorMessage(creating.error, t)} />}
      {notice && <Paragraph role="status">{notice}</Paragraph>}
      <div className="torg-actions">
        <Button
          loading={creating.fetching}
          disabled={creating.fetching}
          onClick={() =>
            void (async () => {
              setNotice(null);
              const r = (await create({})).data?.createPostingExport;
              if (!r) return;
              const message = r.__typename === 'PostingExportBatch' ? t('work.postingExports.created', { id: String(r.id), count: r.invoiceCount }) : t('work.postingExports.nothing');
              setNotice(message);
              announce(message);
              pages.reset();
              refetch({ requestPolicy: 'network-only' });
            })()
          }
        >
          {creating.fetching ? t('work.postingExports.creating') : t('work.postingExports.create')}
        </Button>
      </div>
      <section aria-labelledby="exports-heading" className="torg-work-section">
        <Heading level={2} data-size="sm" id="exports-heading">
          {t('work.postingExports.list')}
        </Heading>
        {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        {downloadError && <ErrorAlert message={downloadError} />}
        {connection && connection.totalCount === 0 && <Paragraph>{t('work.postingExports.empty')}</Paragraph>}
        {connection && connection.edges.length > 0 && (
          <Table data-size="sm" data-testid="posting-exports">
            <caption className="torg-visually-hidden">{t('work.postingExports.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('work.postingExports.batch')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.postingExports.createdAt')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('work.postingExports.count')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.postingExports.files')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {connection.edges.map(({ node: b }) => (
                <Table.Row key={b.id}>
                  <Table.Cell>{b.id}</Table.Cell>
                  <Table.Cell>{formatDateTime(b.createdAt)}</Table.Cell>
                  <Table.Cell className="torg-number">{b.invoiceCount}</Table.Cell>
                  <Table.Cell>
                    <div className="torg-actions">
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        loading={downloading === b.csvPath}
                        aria-label={t('work.postingExports.downloadCsv', { id: String(b.id) })}
                        onClick={() => void download(b.csvPath, `posting-export-${b.id}.csv`)}
                      >
                        CSV
                      </Button>
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        loading={downloading === b.jsonPath}
                        aria-label={t('work.postingExports.downloadJson', { id: String(b.id) })}
                        onClick={() => void download(b.jsonPath, `posting-export-${b.id}.json`)}
                      >
                        JSON
                      </Button>
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <CursorPager
          label={t('work.postingExports.pager')}
          page={pages.page}
          hasNext={!!connection?.pageInfo.hasNextPage}
          onPrevious={pages.previous}
          onNext={() => pages.next(connection?.pageInfo.endCursor)}
        />
      </section>
    </>
  );
}
