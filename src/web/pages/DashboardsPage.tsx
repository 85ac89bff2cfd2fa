import '../work/work.css';
import '../purchasing/purchasing.css';
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { CeilingUseFigures } from '../purchasing/CeilingUseFigures';
import {
  EMPTY_FILTER,
  exportPath,
  filterFromSearch,
  filterToSearch,
  insightFilter,
  periodProblem,
  type DashboardFilter,
  type InsightDimension,
  type InsightReport,
} from '../purchasing/insight-filter';
import { LeakageFigures, LoyaltyFigures, SpendFigures } from '../purchasing/InsightFigures';
import { OrganisationPicker, SegmentPicker } from '../purchasing/InsightPickers';
import { CeilingUseQuery, LeakageQuery, LoyaltyQuery, SpendBySupplierQuery } from '../purchasing/queries';
import { downloadWithToken } from '../work/download';

const LOYALTY_GROUPS: InsightDimension[] = ['PERIOD'];
const LEAKAGE_GROUPS: InsightDimension[] = ['SUPPLIER'];
const SPEND_GROUPS: InsightDimension[] = ['SUPPLIER'];
const CEILING_GROUPS: InsightDimension[] = ['AGREEMENT'];

/**
 * The purchasing unit's loyalty and leakage dashboards: filters in the address, each report a
 * chart per currency with its numbers in a table beside it (for screen readers and for checking), and a CSV
 * export of the same report and filter. Loaded only when opened (Chart.js stays out of the first screen).
 */
export function DashboardsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromSearch(params), [params]);
  return (
    <>
      <PageHeading title={t('purchasing.dashboards.title')}>{t('purchasing.dashboards.title')}</PageHeading>
      <Paragraph>{t('purchasing.dashboards.intro')}</Paragraph>
      <Filters key={params.toString()} filter={filter} onApply={(f) => setParams(filterToSearch(f))} />
      <LoyaltyReport filter={filter} />
      <LeakageReport filter={filter} />
      <SpendReport filter={filter} />
      <CeilingUseReport filter={filter} />
    </>
  );
}

function Filters({ filter, onApply }: { filter: DashboardFilter; onApply: (f: DashboardFilter) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filter);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wrong = periodProblem(draft);
    setProblem(wrong);
    if (!wrong) onApply(draft);
  };
  return (
    <form className="torg-purchasing-section" onSubmit={submit} aria-labelledby="dashboard-filters" noValidate>
      <Heading level={2} data-size="sm" id="dashboard-filters">
        {t('purchasing.dashboards.filters')}
      </Heading>
      <div className="torg-purchasing-filters">
        <Textfield
          id="dashboard-from"
          type="date"
          label={t('purchasing.dashboards.from')}
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          error={problem && problem !== 'purchasing.dashboards.badTo' ? t(problem) : undefined}
        />
        <Textfield
          id="dashboard-to"
          type="date"
          label={t('purchasing.dashboards.to')}
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          error={problem === 'purchasing.dashboards.badTo' ? t(problem) : undefined}
        />
        <OrganisationPicker value={draft.organisationId} onChange={(organisationId) => setDraft((d) => ({ ...d, organisationId }))} />
        <SegmentPicker value={draft.segment} onChange={(segment) => setDraft((d) => ({ ...d, segment }))} />
      </div>
      <div className="torg-actions">
        <Button type="submit">{t('purchasing.dashboards.apply')}</Button>
        <Button type="button" variant="tertiary" onClick={() => onApply(EMPTY_FILTER)}>
          {t('purchasing.dashboards.reset')}
        </Button>
      </div>
    </form>
  );
}

/** The CSV of a report, fetched with the bearer token (a plain link would carry none) and saved. */
function ExportButton({ report, filter, groupBy, name }: { report: InsightReport; filter: DashboardFilter; groupBy: InsightDimension[]; name: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<number | null>(null);
  const path = exportPath(report, filter, groupBy);
  const download = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const status = await downloadWithToken(path, `${report}.csv`);
      if (status === null) announce(t('purchasing.dashboards.exported', { file: `${report}.csv` }));
      else setFailed(status);
    } catch {
      setFailed(0);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Button variant="secondary" data-size="sm" loading={busy} disabled={busy} onClick={() => void download()} data-export={path}>
        {busy ? t('purchasing.dashboards.exporting') : t('purchasing.dashboards.export', { report: name })}
      </Button>
      {failed !== null && <ErrorAlert message={failed === 0 ? t('errors.network') : t('purchasing.dashboards.exportFailed', { status: failed })} />}
    </div>
  );
}

function LoyaltyReport({ filter }: { filter: DashboardFilter }) {
  const { t } = useTranslation();
  const [result, refetch] = useQuery({ query: LoyaltyQuery, variables: { filter: insightFilter(filter, LOYALTY_GROUPS), totals: insightFilter(filter, []) } });
  const rows = result.data?.insightLoyalty ?? [];
  return (
    <section className="torg-purchasing-section" aria-labelledby="loyalty-heading" data-testid="loyalty-report">
      <Heading level={2} data-size="sm" id="loyalty-heading">
        {t('purchasing.dashboards.loyaltyHeading')}
      </Heading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !result.data && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {result.data && rows.length === 0 && <Paragraph>{t('purchasing.dashboards.noData')}</Paragraph>}
      {rows.length > 0 && <LoyaltyFigures rows={rows} totals={result.data?.totals ?? []} />}
      <ExportButton report="loyalty" filter={filter} groupBy={LOYALTY_GROUPS} name={t('purchasing.dashboards.loyaltyHeading').toLowerCase()} />
    </section>
  );
}

function LeakageReport({ filter }: { filter: DashboardFilter }) {
  const { t } = useTranslation();
  const [result, refetch] = useQuery({ query: LeakageQuery, variables: { filter: insightFilter(filter, LEAKAGE_GROUPS) } });
  const rows = result.data?.insightLeakage ?? [];
  return (
    <section className="torg-purchasing-section" aria-labelledby="leakage-heading" data-testid="leakage-report">
      <Heading level={2} data-size="sm" id="leakage-heading">
        {t('purchasing.dashboards.leakageHeading')}
      </Heading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !result.data && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {result.data && rows.length === 0 && <Paragraph>{t('purchasing.dashboards.noData')}</Paragraph>}
      {rows.length > 0 && <LeakageFigures rows={rows} />}
      <ExportButton report="leakage" filter={filter} groupBy={LEAKAGE_GROUPS} name={t('purchasing.dashboards.leakageHeading').toLowerCase()} />
    </section>
  );
}

function SpendReport({ filter }: { filter: DashboardFilter }) {
  const { t } = useTranslation();
  const [result, refetch] = useQuery({ query: SpendBySupplierQuery, variables: { filter: insightFilter(filter, SPEND_GROUPS) } });
  const rows = result.data?.insightSpend ?? [];
  return (
    <section className="torg-purchasing-section" aria-labelledby="spend-heading" data-testid="spend-report">
      <Heading level={2} data-size="sm" id="spend-heading">
        {t('purchasing.dashboards.spendHeading')}
      </Heading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !result.data && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {result.data && rows.length === 0 && <Paragraph>{t('purchasing.dashboards.noData')}</Paragraph>}
      {rows.length > 0 && <SpendFigures rows={rows} />}
      <ExportButton report="spend" filter={filter} groupBy={SPEND_GROUPS} name={t('purchasing.dashboards.spendHeading').toLowerCase()} />
    </section>
  );
}

function CeilingUseReport({ filter }: { filter: DashboardFilter }) {
  const { t } = useTranslation();
  const [result, refetch] = useQuery({ query: CeilingUseQuery, variables: { filter: insightFilter(filter, CEILING_GROUPS) } });
  const rows = result.data?.insightCeilingUse ?? [];
  return (
    <section className="torg-purchasing-section" aria-labelledby="ceiling-heading" data-testid="ceiling-report">
      <Heading level={2} data-size="sm" id="ceiling-heading">
        {t('purchasing.dashboards.ceilingHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('purchasing.dashboards.ceilingIntro')}</Paragraph>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && !result.data && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {result.data && rows.length === 0 && <Paragraph>{t('purchasing.dashboards.noData')}</Paragraph>}
      {rows.length > 0 && <CeilingUseFigures rows={rows} />}
      <ExportButton report="ceiling-use" filter={filter} groupBy={CEILING_GROUPS} name={t('purchasing.dashboards.ceilingHeading').toLowerCase()} />
    </section>
  );
}
