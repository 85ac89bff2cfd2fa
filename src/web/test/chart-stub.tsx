/**
 * Chart.js draws on a canvas jsdom does not have: a stand-in for react-chartjs-2's Bar keeps the
 * props each chart was given, so a test can ask its axis and tooltips what they print, and its
 * tables what they show. The real charts run in the browser tests (test/web-purchasing.e2e-spec.ts).
 *
 * A test file puts it in place with
 *   vi.mock('react-chartjs-2', () => import('../test/chart-stub'));
 * and empties `charts` before each test (clearCharts).
 */
import { screen, within } from '@testing-library/react';
import type { ComponentProps } from 'react';
import type { Bar as RealBar } from 'react-chartjs-2';

export type BarProps = ComponentProps<typeof RealBar>;

/** The props of every chart drawn since clearCharts, in order. */
export const charts: BarProps[] = [];

export function clearCharts(): void {
  charts.length = 0;
}

/** The stand-in: an image with the chart's label and test id. */
export function Bar(props: BarProps) {
  charts.push(props);
  return <div role="img" aria-label={props['aria-label']} data-testid={(props as Record<string, unknown>)['data-testid'] as string} />;
}

/** Text with nb-NO's non-breaking spaces made plain. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** What a chart prints on its money axis for a value. */
export const axis = (chart: BarProps, value: number) => plain((chart.options?.scales?.y as { ticks: { callback: (v: number) => string } }).ticks.callback(value));

/** What a chart's tooltip says for a bar of `value` in a dataset labelled `label`. */
export const tooltip = (chart: BarProps, value: number, label = 'x') =>
  plain((chart.options?.plugins?.tooltip?.callbacks?.label as unknown as (c: { dataset: { label: string }; parsed: { y: number } }) => string)({ dataset: { label }, parsed: { y: value } }));

/** The body rows of the table with this test id, each as its cells' plain text. */
export const cells = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => plain(c.textContent ?? '')));

/** The test ids of the charts drawn, in order. */
export const chartTestIds = () => charts.map((c) => (c as Record<string, unknown>)['data-testid']);
