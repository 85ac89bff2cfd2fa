import { Alert, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import type { UploadReport } from './upload';

/** What became of an upload: the stored version, every problem by line and field, or why it was refused. */
export function UploadReportView({ report }: { report: UploadReport }) {
  const { t } = useTranslation();
  if (report.kind === 'stored')
    return (
      <Alert data-color="success" data-testid="upload-report">
        <Heading level={2} data-size="xs">
          {t('supplier.catalogue.storedTitle')}
        </Heading>
        <Paragraph>{t('supplier.catalogue.stored', { versionNo: report.versionNo, count: report.lineCount })}</Paragraph>
      </Alert>
    );
  if (report.kind === 'refused') {
    const reason = report.message || t('supplier.catalogue.refusedStatus', { status: report.status });
    const wait = report.retryAfterSeconds !== null ? ` ${t('supplier.catalogue.retryAfter', { seconds: report.retryAfterSeconds })}` : '';
    return <ErrorAlert title={t('supplier.catalogue.refusedTitle')} message={`${reason}${wait}`} />;
  }
  return (
    <section data-testid="upload-report" aria-labelledby="upload-report-heading">
      <ErrorAlert title={t('supplier.catalogue.invalidTitle')} message={t('supplier.catalogue.invalid', { count: report.problems.length })} />
      <Table data-size="sm">
        <caption id="upload-report-heading">{t('supplier.catalogue.reportCaption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('supplier.catalogue.line')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.field')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.reason')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.value')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {report.problems.map((p, i) => (
            <Table.Row key={i}>
              <Table.Cell>{p.line ?? p.location}</Table.Cell>
              <Table.Cell>{p.field ?? '–'}</Table.Cell>
              <Table.Cell>{p.reason}</Table.Cell>
              <Table.Cell>{p.value ?? '–'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}
