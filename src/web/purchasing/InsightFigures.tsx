import { Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber } from '../format/format';
import { BarChart } from './BarChart';
import { bySpend, formatShare, leakageChart, loyaltyChart, monthLabel, spendChart, sumDecimal } from './chart-data';
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
  const unnamed = t('purchasing.dashboards.unnamedSupplier');
  return (
    <CurrencyGroups rows={bySpend(rows)} testId="leakage">
      {({ currency, rows, suffix, caption }) => (
        <>
          <BarChart data={leakageChart(rows, unnamed)} currency={currency} label={t('purchasing.dashboards.leakageChart', { currency })} testId={`leakage-chart${suffix}`} />
          <Table data-size="sm" data-testid={`leakage-table${suffix}`}>
            <caption>{caption(t('purchasing.dashboards.leakageCaption'))}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('purchasing.dashboards.supplier')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.leakageAmount')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.potentialSaving')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.lines')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.linesWithAlternative')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((r, i) => (
                <Table.Row key={`${r.supplierId ?? r.supplierName ?? ''}-${i}`}>
                  <Table.HeaderCell scope="row">{r.supplierName ?? unnamed}</Table.HeaderCell>
                  <Table.Cell className="torg-number">{formatMoney(r.amount, currency)}</Table.Cell>
                  <Table.Cell className="torg-number">{formatMoney(r.potentialSaving, currency)}</Table.Cell>
                  <Table.Cell className="torg-number">{formatNumber(r.lines)}</Table.Cell>
                  <Table.Cell className="torg-number">{formatNumber(r.linesWithAlternative)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </CurrencyGroups>
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
  const unnamed = t('purchasing.dashboards.unnamedSupplier');
  return (
    <CurrencyGroups rows={bySpend(rows)} testId="spend">
      {({ currency, rows, suffix, caption }) => (
        <>
          <BarChart data={spendChart(rows, unnamed)} currency={currency} label={t('purchasing.dashboards.spendChart', { currency })} testId={`spend-chart${suffix}`} />
          <Table data-size="sm" data-testid={`spend-table${suffix}`}>
            <caption>{caption(t('purchasing.dashboards.spendCaption'))}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('purchasing.dashboards.supplier')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.spendAmount')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.documents')}</Table.HeaderCell>
                <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.lines')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((r, i) => (
                <Table.Row key={`${r.supplierId ?? r.supplierName ?? ''}-${i}`}>
                  <Table.HeaderCell scope="row">{r.supplierName ?? unnamed}</Table.HeaderCell>
                  <Table.Cell className="torg-number">{formatMoney(r.amount, currency)}</Table.Cell>
                  <Table.Cell className="torg-number">{formatNumber(r.documents)}</Table.Cell>
                  <Table.Cell className="torg-number">{formatNumber(r.lines)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </CurrencyGroups>
  );
}
