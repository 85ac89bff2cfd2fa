import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { groupByCurrency, type CurrencyGroup } from './chart-data';

/** What a report draws for one currency: its rows, and how to name its chart and table (a test id suffix and a caption). */
export interface InCurrency<T> extends CurrencyGroup<T> {
  /** '' with one currency (the report's usual test ids), `-EUR` and so on when there are several. */
  suffix: string;
  /** The caption, with the currency named when there are several. */
  caption: (text: string) => string;
}

/**
 * A report's figures per currency: the API gives money per currency, and kroner and euros must
 * never share a sum, an axis or a table column. With one currency the report looks as it always
 * did; with several, the page says so first and heads each currency's chart and table.
 */
export function CurrencyGroups<T extends { currency: string }>({ rows, testId, children }: { rows: readonly T[]; testId: string; children: (group: InCurrency<T>) => ReactNode }) {
  const { t } = useTranslation();
  const groups = groupByCurrency(rows);
  const mixed = groups.length > 1;
  return (
    <>
      {mixed && <Paragraph data-testid={`${testId}-currencies`}>{t('purchasing.dashboards.currencies', { currencies: groups.map((g) => g.currency).join(', ') })}</Paragraph>}
      {groups.map((g) => (
        <div key={g.currency} className="torg-purchasing-chart-group">
          {mixed && (
            <Heading level={3} data-size="2xs">
              {t('purchasing.dashboards.inCurrency', { currency: g.currency })}
            </Heading>
          )}
          {children({
            ...g,
            suffix: mixed ? `-${g.currency}` : '',
            caption: (text) => (mixed ? t('purchasing.dashboards.captionInCurrency', { caption: text, currency: g.currency }) : text),
          })}
        </div>
      ))}
    </>
  );
}
