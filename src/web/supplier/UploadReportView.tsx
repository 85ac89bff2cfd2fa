import { Alert, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { LineNotesTable } from './LineNotesTable';
import { Link } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import type { LineSuggestions, UploadProblem, UploadReport, UploadWarning } from './upload';
import { percent } from './unspsc-choices';
import { formatNumber } from '../format/format';

/** Rows per page of the report's tables (the server sends up to 1000 of each). */
export const REPORT_PAGE_SIZE = 50;

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
        <ProblemTable
          id="upload-excluded"
          caption={t('supplierPortal.upload.excludedTitle', { count: report.excludedCount })}
          problems={report.excluded}
          total={report.excludedCount}
          firstOf="supplierPortal.upload.firstExcluded"
        />
        <WarningTable warnings={report.warnings} total={report.warningCount} />
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
      <ErrorAlert title={t('supplier.catalogue.invalidTitle')} message={t('supplier.catalogue.invalid', { total: formatNumber(report.problemCount) })} />
      <ProblemTable id="upload-report-heading" caption={t('supplier.catalogue.reportCaption')} problems={report.problems} total={report.problemCount} firstOf="supplierPortal.upload.firstProblems" />
      <WarningTable warnings={report.warnings} total={report.warningCount} />
      <SuggestionTable suggestions={report.suggestions} />
    </section>
  );
}

type FirstOf = 'supplierPortal.upload.firstProblems' | 'supplierPortal.upload.firstExcluded' | 'supplierPortal.upload.firstWarnings';

/** "Showing the first 1000 of 50 000 …" when the server listed fewer than it counted. */
function FirstOfNote({ listed, total, text, testId }: { listed: number; total: number; text: FirstOf; testId: string }) {
  const { t } = useTranslation();
  if (total <= listed) return null;
  return (
    <Paragraph data-size="sm" data-testid={testId}>
      {t(text, { shown: formatNumber(listed), total: formatNumber(total) })}
    </Paragraph>
  );
}

function ProblemTable({ id, caption, problems, total, firstOf }: { id: string; caption: string; problems: UploadProblem[]; total: number; firstOf: FirstOf }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <div>
      <FirstOfNote listed={problems.length} total={total} text={firstOf} testId={`${id}-first`} />
      <LineNotesTable testId={id} captionId={id} caption={caption} said="reason" notes={problems} pageSize={REPORT_PAGE_SIZE} pagerLabel={t('supplierPortal.upload.pager', { table: caption })} />
    </div>
  );
}

function WarningTable({ warnings, total }: { warnings: UploadWarning[]; total: number }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  const caption = t('supplierPortal.upload.warningsTitle', { count: total });
  return (
    <div>
      <FirstOfNote listed={warnings.length} total={total} text="supplierPortal.upload.firstWarnings" testId="upload-warnings-first" />
      <LineNotesTable testId="upload-warnings" caption={caption} said="message" notes={warnings} pageSize={REPORT_PAGE_SIZE} pagerLabel={t('supplierPortal.upload.pager', { table: caption })} />
    </div>
  );
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
