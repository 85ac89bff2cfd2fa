import { Button, Checkbox, Field, Heading, Label, Paragraph, Select, Table, Tag, ValidationMessage } from '@digdir/designsystemet-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { session } from '../auth/session';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { CursorPager } from '../components/CursorPager';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime, formatNumber } from '../format/format';
import { graphql } from '../gql';
import { UploadReportView } from '../supplier/UploadReportView';
import { uploadCatalogue, type UploadReport } from '../supplier/upload';
import { versionStatusColor } from '../supplier/version-status';
import { useCursorPages } from '../work/cursor-pages';

const PAGE_SIZE = 10;

const SupplierAgreements = graphql(`
  query SupplierAgreements {
    agreements(first: 100) {
      edges {
        node {
          id
          reference
          title
          inForce
        }
      }
    }
  }
`);

const SupplierCatalogueVersions = graphql(`
  query SupplierCatalogueVersions($agreementId: Int!, $first: Int!, $after: String) {
    catalogueVersions(agreementId: $agreementId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          versionNo
          status
          fileName
          itemCount
          createdAt
          rejectionReason
          warningCount
          excludedLineCount
        }
      }
    }
  }
`);

/** The supplier uploads a catalogue to one of its agreements, reads the report, and sees the versions with their review status. */
export function SupplierCataloguePage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [agreements] = useQuery({ query: SupplierAgreements });
  const list = agreements.data?.agreements.edges.map((e) => e.node) ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const agreementId = chosen ?? list[0]?.id ?? null;
  const pages = useCursorPages();
  const [versions, refetchVersions] = useQuery({
    query: SupplierCatalogueVersions,
    variables: { agreementId: agreementId ?? 0, first: PAGE_SIZE, after: pages.after },
    pause: agreementId === null,
  });
  const [exclude, setExclude] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<UploadReport | null>(null);
  const [networkError, setNetworkError] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file || agreementId === null) {
      setFileError(t('supplier.catalogue.chooseFile'));
      fileInput.current?.focus();
      return;
    }
    setFileError(undefined);
    setNetworkError(false);
    setReport(null);
    setProgress(0);
    try {
      let checking = false;
      const onProgress = (share: number) => {
        setProgress(share);
        // Every byte is sent; the server now reads and checks the file (which may take a while).
        if (share >= 1 && !checking) {
          checking = true;
          announce(t('supplierPortal.upload.checking'));
        }
      };
      const result = await uploadCatalogue(agreementId, file, session.get()?.token ?? '', onProgress, exclude);
      setReport(result);
      if (result.kind === 'stored') {
        announce(t('supplier.catalogue.stored', { versionNo: result.versionNo, count: result.lineCount }));
        // The new version is the newest: show the first page.
        if (pages.page > 1) pages.reset();
        else refetchVersions({ requestPolicy: 'network-only' });
      } else if (result.kind === 'invalid') announce(t('supplier.catalogue.invalid', { total: formatNumber(result.problemCount) }));
    } catch {
      setNetworkError(true);
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <PageHeading title={t('supplier.catalogue.title')}>{t('supplier.catalogue.title')}</PageHeading>
      {agreements.error && <ErrorAlert message={errorMessage(agreements.error, t)} onRetry={() => window.location.reload()} />}
      <Paragraph>{t('supplier.catalogue.intro')}</Paragraph>
      <form onSubmit={(e) => void submit(e)} className="torg-stack" noValidate>
        <Field>
          <Label htmlFor="supplier-agreement">{t('supplier.catalogue.agreement')}</Label>
          <Select
            id="supplier-agreement"
            value={agreementId ?? ''}
            onChange={(e) => {
              setChosen(Number(e.target.value));
              pages.reset();
            }}
          >
            {list.map((a) => (
              <Select.Option key={a.id} value={a.id}>
                {`${a.reference} ${a.title}${a.inForce ? '' : ` (${t('supplier.catalogue.notInForce')})`}`}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="supplier-file">{t('supplier.catalogue.file')}</Label>
          <Paragraph data-size="sm" id="supplier-file-hint">
            {t('supplier.catalogue.fileHint')}
          </Paragraph>
          <input
            id="supplier-file"
            ref={fileInput}
            type="file"
            accept=".csv,.xlsx,.xml,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? 'supplier-file-hint supplier-file-error' : 'supplier-file-hint'}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError && (
            <ValidationMessage id="supplier-file-error" role="alert">
              {fileError}
            </ValidationMessage>
          )}
        </Field>
        <Checkbox label={t('supplierPortal.upload.excludeLabel')} description={t('supplierPortal.upload.excludeHint')} checked={exclude} onChange={(e) => setExclude(e.target.checked)} />
        {progress !== null && progress < 1 && (
          <div>
            <label htmlFor="supplier-progress">{t('supplier.catalogue.progress', { percent: Math.round(progress * 100) })}</label> <progress id="supplier-progress" max={1} value={progress} />
          </div>
        )}
        {progress !== null && progress >= 1 && (
          <div data-testid="upload-checking">
            {/* No value: how long the check takes is not known. */}
            <label htmlFor="supplier-progress">{t('supplierPortal.upload.checking')}</label> <progress id="supplier-progress" />
          </div>
        )}
        <Button type="submit" disabled={progress !== null || agreementId === null}>
          {t('supplier.catalogue.upload')}
        </Button>
      </form>
      {networkError && <ErrorAlert message={t('errors.network')} />}
      {report && <UploadReportView report={report} />}

      <Heading level={2} data-size="sm">
        {t('supplier.catalogue.versions')}
      </Heading>
      {versions.error && <ErrorAlert message={errorMessage(versions.error, t)} />}
      <Table data-size="sm" data-testid="catalogue-versions">
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('supplier.catalogue.versionNo')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.status')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.fileName')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('supplier.catalogue.items')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.uploadedAt')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {(versions.data?.catalogueVersions.edges ?? []).map(({ node: v }) => (
            <Table.Row key={v.id}>
              <Table.Cell>
                <Link to={`/supplier/catalogue/versions/${v.id}`} aria-label={t('supplierPortal.versions.open', { versionNo: v.versionNo })}>
                  {v.versionNo}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <Tag data-color={versionStatusColor(v.status)}>{t(`supplier.catalogue.statuses.${v.status}`)}</Tag>
                {v.rejectionReason && <Paragraph data-size="sm">{v.rejectionReason}</Paragraph>}
                {v.excludedLineCount > 0 && <Paragraph data-size="sm">{t('supplierPortal.versions.excluded', { count: v.excludedLineCount })}</Paragraph>}
                {v.warningCount > 0 && <Paragraph data-size="sm">{t('supplierPortal.versions.warnings', { count: v.warningCount })}</Paragraph>}
              </Table.Cell>
              <Table.Cell>{v.fileName ?? '–'}</Table.Cell>
              <Table.Cell className="torg-number">{v.itemCount}</Table.Cell>
              <Table.Cell>{formatDateTime(v.createdAt)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <CursorPager
        label={t('supplierPortal.versions.pager')}
        page={pages.page}
        hasNext={!!versions.data?.catalogueVersions.pageInfo.hasNextPage}
        onNext={() => pages.next(versions.data?.catalogueVersions.pageInfo.endCursor)}
        onPrevious={pages.previous}
      />
    </>
  );
}
