import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format/format';
import type { ChartData } from './chart-data';

// Only what a bar chart needs, so the dashboard's chunk stays small (Chart.js is tree-shakable).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by more than hue in the table beside. */
const COLOURS = ['#1e5aa8', '#b45309', '#4b5563'];

/**
 * A bar chart of money series in one currency (its axis and tooltips say which, nb-NO style:
 * "1 000,00 kr", "1 000,00 €"). The canvas is an image to assistive technology (role img with a
 * label saying what it shows); the numbers themselves are in the data table every chart has beside it.
 */
export function BarChart({ data, label, stacked = false, currency = 'NOK', testId }: { data: ChartData; label: string; stacked?: boolean; currency?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="torg-chart">
      <Bar
        role="img"
        aria-label={label}
        data-testid={testId}
        data={{
          labels: data.labels,
          datasets: data.series.map((s, i) => ({ label: t(s.label), data: s.values, backgroundColor: COLOURS[i % COLOURS.length], stack: stacked ? 'all' : `s${i}` })),
        }}
        options={{
          animation: false,
          maintainAspectRatio: false,
          responsive: true,
          scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { callback: (v) => formatMoney(String(v), currency) } } },
          plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${formatMoney(String(c.parsed.y), currency)}` } } },
        }}
      >
        {label}
      </Bar>
    </div>
  );
}
