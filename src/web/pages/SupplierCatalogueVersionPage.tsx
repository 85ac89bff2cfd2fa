import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { PageLoadError } from '../components/PageLoadError';
import { formatDateTime } from '../format/format';
import { graphql } from '../gql';
import { AwaitingUnspscForm } from '../supplier/AwaitingUnspscForm';
import { SubmitVersionForm } from '../supplier/SubmitVersionForm';
import { VersionExcludedLines, VersionWarnings } from '../supplier/VersionNotes';
import { versionStatusColor } from '../supplier/version-status';

const SupplierCatalogueVersion = graphql(`
  query SupplierCatalogueVersion($id: Int!) {
    catalogueVersion(id: $id) {
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
`);

/** One catalogue version: its review status (and the purchaser's reason when rejected), the upload's warnings and left-out lines, and the lines waiting for a code. */
export function SupplierCatalogueVersionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [result, refetch] = useQuery({ query: SupplierCatalogueVersion, variables: { id }, requestPolicy: 'cache-and-network' });
  const v = result.data?.catalogueVersion;
  if (result.error && !v) {
    // The version number is not known without the version.
    return <PageLoadError title={t('supplierPortal.version.unknownTitle')} error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (!v) return <Paragraph>{t('app.loading')}</Paragraph>;
  const title = t('supplierPortal.version.title', { versionNo: v.versionNo });
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Paragraph>
        <Link to="/supplier/catalogue">{t('supplierPortal.version.back')}</Link>
      </Paragraph>
      <Paragraph data-testid="version-status">
        {t('supplier.catalogue.status')}: <Tag data-color={versionStatusColor(v.status)}>{t(`supplier.catalogue.statuses.${v.status}`)}</Tag>
      </Paragraph>
      {v.rejectionReason && <ErrorAlert title={t('supplierPortal.version.rejected', { reason: v.rejectionReason })} message={t('supplierPortal.version.rejectedHint')} />}
      <Paragraph>{t('supplierPortal.version.facts', { items: v.itemCount, file: v.fileName ?? '–', date: formatDateTime(v.createdAt) })}</Paragraph>
      {v.status === 'DRAFT' && <AwaitingUnspscForm versionId={v.id} onAccepted={() => refetch({ requestPolicy: 'network-only' })} />}
      {v.status === 'DRAFT' && <SubmitVersionForm versionId={v.id} onSubmitted={() => refetch({ requestPolicy: 'network-only' })} />}
      <VersionWarnings versionId={v.id} count={v.warningCount} />
      <VersionExcludedLines versionId={v.id} count={v.excludedLineCount} />
    </>
  );
}
