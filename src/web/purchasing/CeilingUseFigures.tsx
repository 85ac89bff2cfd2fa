import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format/format';
import { BarChart } from './BarChart';
import { byCurrency, ceilingUseChart, formatShare } from './chart-data';

export interface CeilingUse {
  agreementId: number;
  reference: string;
  currency: string;
  ceiling?: string | null;
  committed: string;
  remaining?: string | null;
  orderedHere: string;
  used?: number | null;
}

/**
 * The ceiling-use report's chart and table. Each amount is in its agreement's currency, so the
 * chart is drawn per currency (one axis never mixes kroner and euros); when there are several the
 * page says so and names each chart's currency. The table has every agreement, each amount with
 * its currency.
 */
export function CeilingUseFigures({ rows }: { rows: readonly CeilingUse[] }) {
  const { t } = useTranslation();
  const groups = byCurrency(rows);
  const mixed = groups.length > 1;
  return (
    <>
      {mixed && <Paragraph data-testid="ceiling-currencies">{t('purchasing.dashboards.ceilingCurrencies', { currencies: groups.map((g) => g.currency).join(', ') })}</Paragraph>}
      {groups.map((g) => (
        <div key={g.currency} className="torg-purchasing-chart-group">
          {mixed && (
            <Heading level={3} data-size="2xs">
              {t('purchasing.dashboards.ceilingInCurrency', { currency: g.currency })}
            </Heading>
          )}
          <BarChart
            data={ceilingUseChart(g.rows)}
            currency={g.currency}
            label={t('purchasing.dashboards.ceilingChart', { currency: g.currency })}
            testId={mixed ? `ceiling-chart-${g.currency}` : 'ceiling-chart'}
          />
        </div>
      ))}
      <Table data-size="sm" data-testid="ceiling-table">
        <caption>{t('purchasing.dashboards.ceilingCaption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('purchasing.dashboards.agreement')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.ceiling')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.committed')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.remaining')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.used')}</Table.HeaderCell>
            <Table.HeaderCell className="torg-number">{t('purchasing.dashboards.orderedHere')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {groups.flatMap(({ currency, rows }) =>
            rows.map((r) => (
              <Table.Row key={r.agreementId}>
                <Table.HeaderCell scope="row">{r.reference}</Table.HeaderCell>
                <Table.Cell className="torg-number">{r.ceiling == null ? t('purchasing.dashboards.noCeiling') : formatMoney(r.ceiling, currency)}</Table.Cell>
                <Table.Cell className="torg-number">{formatMoney(r.committed, currency)}</Table.Cell>
                <Table.Cell className="torg-number">{r.remaining == null ? '–' : formatMoney(r.remaining, currency)}</Table.Cell>
                <Table.Cell className="torg-number">{formatShare(r.used)}</Table.Cell>
                <Table.Cell className="torg-number">{formatMoney(r.orderedHere, currency)}</Table.Cell>
              </Table.Row>
            )),
          )}
        </Table.Body>
      </Table>
    </>
  );
}
