import { Alert, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { LineNotesTable } from './LineNotesTable';
import { Link } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import type { LineSuggestions, UploadProblem, UploadReport, UploadWarning } from './upload';
import { percent } from './unspsc-choices';

/** What became of an upload: the stored version (with its warnings, lines left out and lines waiting for a code), every problem by line and field, or why it was refused. */
export function UploadReportView({ report }: { report: UploadReport }) {
  const { t } = useTranslation();
  if (report.kind === 'stored')
    return (
      <section data-testid="upload-report" className="torg-stack" aria-label={t('supplier.catalogue.storedTitle')}>
        <Alert data-color="success">
          <Heading level={2} data-size="xs">
            {t('supplier.catalogue.storedTitle')}
          </Heading>
          <Paragraph>{t('supplier.catalogue.stored', { versionNo: report.versionNo, count: report.lineCount })}</Paragraph>
          <Paragraph>
            <Link to={`/supplier/catalogue/versions/${report.versionId}`}>{t('supplierPortal.upload.openVersion', { versionNo: report.versionNo })}</Link>
          </Paragraph>
        </Alert>
        {report.awaitingUnspscCount > 0 && (
          <Alert data-color="warning">
            <Heading level={2} data-size="xs">
              {t('supplierPortal.upload.awaitingTitle', { count: report.awaitingUnspscCount })}
            </Heading>
            <Paragraph>
              <Link to={`/supplier/catalogue/versions/${report.versionId}`}>{t('supplierPortal.upload.awaitingLink', { versionNo: report.versionNo })}</Link>
            </Paragraph>
          </Alert>
        )}
        <ProblemTable id="upload-excluded" caption={t('supplierPortal.upload.excludedTitle', { count: report.excluded.length })} problems={report.excluded} />
        <WarningTable warnings={report.warnings} />
        <SuggestionTable suggestions={report.suggestions} />
      </section>
    );
  if (report.kind === 'refused') {
    const reason = report.message || t('supplier.catalogue.refusedStatus', { status: report.status });
    const wait = report.retryAfterSeconds !== null ? ` ${t('supplier.catalogue.retryAfter', { seconds: report.retryAfterSeconds })}` : '';
    return <ErrorAlert title={t('supplier.catalogue.refusedTitle')} message={`${reason}${wait}`} />;
  }
  return (
    <section data-testid="upload-report" aria-labelledby="upload-report-heading" className="torg-stack">
      <ErrorAlert title={t('supplier.catalogue.invalidTitle')} message={t('supplier.catalogue.invalid', { count: report.problems.length })} />
      <ProblemTable id="upload-report-heading" caption={t('supplier.catalogue.reportCaption')} problems={report.problems} />
      <WarningTable warnings={report.warnings} />
      <SuggestionTable suggestions={report.suggestions} />
    </section>
  );
}

function ProblemTable({ id, caption, problems }: { id: string; caption: string; problems: UploadProblem[] }) {
  if (!problems.length) return null;
  return <LineNotesTable testId={id} captionId={id} caption={caption} said="reason" notes={problems} />;
}

function WarningTable({ warnings }: { warnings: UploadWarning[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return <LineNotesTable testId="upload-warnings" caption={t('supplierPortal.upload.warningsTitle', { count: warnings.length })} said="message" notes={warnings} />;
}

function SuggestionTable({ suggestions }: { suggestions: LineSuggestions[] }) {
  const { t } = useTranslation();
  if (!suggestions.length) return null;
  return (
    <Table data-size="sm" data-testid="upload-suggestions">
      <caption>{t('supplierPortal.upload.suggestionsCaption')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('supplier.catalogue.line')}</Table.HeaderCell>
          <Table.HeaderCell>{t('supplier.order.item')}</Table.HeaderCell>
          <Table.HeaderCell>{t('supplier.catalogue.reason')}</Table.HeaderCell>
          <Table.HeaderCell>{t('supplierPortal.upload.suggestions')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {suggestions.map((l) => (
          <Table.Row key={l.line}>
            <Table.Cell>{l.line}</Table.Cell>
            <Table.Cell>{`${l.name} (${l.sellerItemId})`}</Table.Cell>
            <Table.Cell>{l.reason}</Table.Cell>
            <Table.Cell>{l.suggestions.map((s) => t('supplierPortal.version.suggestion', { code: s.code, title: s.title, score: percent(s.confidence) })).join('; ') || '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
