import { Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../components/CursorPager';
import { useClientPages } from '../components/client-pages';
import { formatMoney, formatNumber } from '../format/format';
import { BarChart } from './BarChart';
import { bySpend, ChartData, foldRest, formatShare, leakageChart, loyaltyChart, monthLabel, spendChart, sumDecimal } from './chart-data';
import { CurrencyGroups } from './CurrencyGroups';

/**
 * The loyalty, leakage and spend dashboards' charts and tables, per currency (CurrencyGroups):
 * each amount is formatted in its row's currency, nb-NO style, and no figure adds two currencies.
 */
export interface LoyaltyFigure {
  period?: string | null;
  currency: string;
  onAgreement: string;
  offAgreement: string;
  offCatalogue: string;
  notCovered: string;
  total: string;
  agreementLoyalty?: number | null;
}

export function LoyaltyFigures({ rows, totals }: { rows: readonly LoyaltyFigure[]; totals: readonly { currency: string; agreementLoyalty?: number | null }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'nb-NO';
  const sorted = [...rows].sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  return (
    <CurrencyGroups rows={sorted} testId="loyalty">
      {({ currency, rows, suffix, caption }) => {
        const total = totals.find((r) => r.currency === currency);
        return (
          <>
            <Paragraph data-testid={`loyalty-total${suffix}`}>
              {suffix
                ? t('purchasing.dashboards.loyaltyTotalIn', { currency, percent: formatShare(total?.agreementLoyalty) })
                : t('purchasing.dashboards.loyaltyTotal', { percent: formatShare(total?.agreementLoyalty) })}
            </Paragraph>
            <BarChart
              data={loyaltyChart(rows, (p) => monthLabel(p, locale))}
              currency={currency}
              label={t('purchasing.dashboards.loyaltyChart', { currency })}
              stacked
              testId={`loyalty-chart${suffix}`}
            />
            <Table data-size="sm" data-testid={`loyalty-table${suffix}`}>
              <caption>{caption(t('purchasing.dashboards.loyaltyCaption'))}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('purchasing.dashboards.period')}</Table.HeaderCell>
                  <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.onAgreement')}</Table.HeaderCell>
                  <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.offAgreement')}</Table.HeaderCell>
                  <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.notCovered')}</Table.HeaderCell>
                  <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.total')}</Table.HeaderCell>
                  <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.loyalty')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rows.map((r) => (
                  <Table.Row key={r.period ?? 'all'}>
                    <Table.HeaderCell scope="row">{r.period ? monthLabel(r.period, locale) : '–'}</Table.HeaderCell>
                    <Table.Cell className="torg-number">{formatMoney(r.onAgreement, currency)}</Table.Cell>
                    <Table.Cell className="torg-number">{formatMoney(sumDecimal(r.offAgreement, r.offCatalogue), currency)}</Table.Cell>
                    <Table.Cell className="torg-number">{formatMoney(r.notCovered, currency)}</Table.Cell>
                    <Table.Cell className="torg-number">{formatMoney(r.total, currency)}</Table.Cell>
                    <Table.Cell className="torg-number">{formatShare(r.agreementLoyalty)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </>
        );
      }}
    </CurrencyGroups>
  );
}

export interface LeakageFigure {
  supplierId?: number | null;
  supplierName?: string | null;
  currency: string;
  amount: string;
  potentialSaving: string;
  lines: number;
  linesWithAlternative: number;
}

export function LeakageFigures({ rows }: { rows: readonly LeakageFigure[] }) {
  const { t } = useTranslation();
  return (
    <SupplierFigures
      rows={rows}
      testId="leakage"
      chart={leakageChart}
      chartLabel="purchasing.dashboards.leakageChart"
      caption="purchasing.dashboards.leakageCaption"
      columns={[
        { header: t('purchasing.dashboards.leakageAmount'), cell: (r, currency) => formatMoney(r.amount, currency) },
        { header: t('purchasing.dashboards.potentialSaving'), cell: (r, currency) => formatMoney(r.potentialSaving, currency) },
        { header: t('purchasing.dashboards.lines'), cell: (r) => formatNumber(r.lines) },
        { header: t('purchasing.dashboards.linesWithAlternative'), cell: (r) => formatNumber(r.linesWithAlternative) },
      ]}
    />
  );
}

export interface SpendFigure {
  supplierId?: number | null;
  supplierName?: string | null;
  currency: string;
  amount: string;
  lines: number;
  documents: number;
}

export function SpendFigures({ rows }: { rows: readonly SpendFigure[] }) {
  const { t } = useTranslation();
  return (
    <SupplierFigures
      rows={rows}
      testId="spend"
      chart={spendChart}
      chartLabel="purchasing.dashboards.spendChart"
      caption="purchasing.dashboards.spendCaption"
      columns={[
        { header: t('purchasing.dashboards.spendAmount'), cell: (r, currency) => formatMoney(r.amount, currency) },
        { header: t('purchasing.dashboards.documents'), cell: (r) => formatNumber(r.documents) },
        { header: t('purchasing.dashboards.lines'), cell: (r) => formatNumber(r.lines) },
      ]}
    />
  );
}

interface SupplierRow {
  supplierId?: number | null;
  supplierName?: string | null;
  currency: string;
  amount: string;
}

/** Suppliers drawn one bar each (the rest share one bar) and shown per table page. */
export const TOP_SUPPLIERS = 10;

/**
 * A figure per supplier: one bar chart and one table per currency, biggest amount first; the
 * columns after the supplier's name are the caller's. A municipality buys from hundreds of
 * suppliers: the chart draws the biggest TOP_SUPPLIERS and sums the others into one bar, the
 * table shows them TOP_SUPPLIERS a page, and a line says how many there are and their total.
 */
function SupplierFigures<R extends SupplierRow>(props: {
  rows: readonly R[];
  testId: string;
  chart: (rows: readonly R[], unnamed: string) => ChartData;
  chartLabel: string;
  caption: string;
  columns: { header: string; cell: (row: R, currency: string) => string }[];
}) {
  const { t } = useTranslation();
  return (
    <CurrencyGroups rows={bySpend(props.rows)} testId={props.testId}>
      {({ currency, rows, suffix, caption }) => (
        <SupplierTable
          testId={props.testId}
          chart={props.chart}
          chartLabel={props.chartLabel}
          columns={props.columns}
          rows={rows}
          currency={currency}
          suffix={suffix}
          caption={caption(t(props.caption))}
        />
      )}
    </CurrencyGroups>
  );
}

function SupplierTable<R extends SupplierRow>(props: {
  rows: readonly R[];
  currency: string;
  suffix: string;
  caption: string;
  testId: string;
  chart: (rows: readonly R[], unnamed: string) => ChartData;
  chartLabel: string;
  columns: { header: string; cell: (row: R, currency: string) => string }[];
}) {
  const { t } = useTranslation();
  const { rows, currency, suffix, caption } = props;
  const unnamed = t('purchasing.dashboards.unnamedSupplier');
  const pages = useClientPages(rows, TOP_SUPPLIERS);
  const chart = foldRest(props.chart(rows, unnamed), TOP_SUPPLIERS, (count) => t('purchasing.dashboards.otherSuppliers', { count }));
  return (
    <>
      {rows.length > TOP_SUPPLIERS && (
        <Paragraph data-size="sm" data-testid={`${props.testId}-suppliers${suffix}`}>
          {t('purchasing.dashboards.manySuppliers', {
            count: rows.length,
            top: TOP_SUPPLIERS,
            rest: rows.length - TOP_SUPPLIERS,
            total: formatMoney(sumDecimal(...rows.map((r) => r.amount)), currency),
          })}
        </Paragraph>
      )}
      <BarChart data={chart} currency={currency} label={t(props.chartLabel, { currency })} testId={`${props.testId}-chart${suffix}`} />
      <Table data-size="sm" data-testid={`${props.testId}-table${suffix}`}>
        <caption>
          {caption}
          {pages.pageCount > 1 && ` (${t('purchasing.dashboards.supplierRows', { from: pages.first + 1, to: pages.first + pages.shown.length, total: rows.length })})`}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('purchasing.dashboards.supplier')}</Table.HeaderCell>
            {props.columns.map((c) => (
              <Table.HeaderCell key={c.header} className="torg-number">
                {c.header}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {pages.shown.map((r, i) => (
            <Table.Row key={`${r.supplierId ?? r.supplierName ?? ''}-${pages.first + i}`}>
              <Table.HeaderCell scope="row">{r.supplierName ?? unnamed}</Table.HeaderCell>
              {props.columns.map((c) => (
                <Table.Cell key={c.header} className="torg-number">
                  {c.cell(r, currency)}
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <CursorPager label={t('purchasing.dashboards.supplierPager', { table: caption })} page={pages.page} hasNext={pages.hasNext} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
