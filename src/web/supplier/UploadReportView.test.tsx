import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { REPORT_PAGE_SIZE, UploadReportView } from './UploadReportView';
import type { UploadProblem, UploadReport } from './upload';

const problems = (n: number): UploadProblem[] => Array.from({ length: n }, (_, i) => ({ line: i + 2, location: `line ${i + 2}`, field: 'price', reason: 'must be a number', value: `x${i + 2}` }));

const rowsOf = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('row').slice(1); // less the header

describe('UploadReportView', () => {
  it('says how many problems the file has, not how many the server listed, and pages the table', async () => {
    const report: UploadReport = { kind: 'invalid', problems: problems(1000), problemCount: 50000, warnings: [], warningCount: 0, suggestions: [] };
    render(<UploadReportView report={report} />, { wrapper: MemoryRouter });
    expect(screen.getByRole('alert').textContent).toMatch(/Fant 50\s000 feil/);
    expect(screen.getByTestId('upload-report-heading-first').textContent).toMatch(/^Viser de første 1\s000 av 50\s000 feil\.$/);

    // One page of rows, not a thousand.
    let rows = rowsOf('upload-report-heading');
    expect(rows).toHaveLength(REPORT_PAGE_SIZE);
    expect(within(rows[0]).getAllByRole('cell')[0].textContent).toBe('2');
    expect(screen.getByTestId('upload-report-heading').querySelector('caption')?.textContent).toMatch(/rad 1–50 av 1\s?000/);
    const pager = screen.getByRole('navigation', { name: 'Sider i Feil i katalogfilen, linje for linje' });
    expect(within(pager).getByRole<HTMLButtonElement>('button', { name: 'Forrige' }).disabled).toBe(true);

    await userEvent.click(within(pager).getByRole('button', { name: 'Neste' }));
    rows = rowsOf('upload-report-heading');
    expect(rows).toHaveLength(REPORT_PAGE_SIZE);
    expect(within(rows[0]).getAllByRole('cell')[0].textContent).toBe(String(2 + REPORT_PAGE_SIZE));
    expect(within(pager).getByRole('button', { name: 'Side 2' }).getAttribute('aria-current')).toBe('page');

    await userEvent.click(within(pager).getByRole('button', { name: 'Forrige' }));
    expect(within(rowsOf('upload-report-heading')[0]).getAllByRole('cell')[0].textContent).toBe('2');
  });

  it('ends at the last page, which holds what is left', async () => {
    const report: UploadReport = { kind: 'invalid', problems: problems(REPORT_PAGE_SIZE + 3), problemCount: REPORT_PAGE_SIZE + 3, warnings: [], warningCount: 0, suggestions: [] };
    render(<UploadReportView report={report} />, { wrapper: MemoryRouter });
    expect(screen.queryByTestId('upload-report-heading-first')).toBeNull(); // all listed: nothing to say
    const pager = screen.getByRole('navigation', { name: /^Sider i / });
    await userEvent.click(within(pager).getByRole('button', { name: 'Neste' }));
    expect(rowsOf('upload-report-heading')).toHaveLength(3);
    expect(within(pager).getByRole<HTMLButtonElement>('button', { name: 'Neste' }).disabled).toBe(true);
  });

  it('has no pager when the problems fit on one page', () => {
    const report: UploadReport = { kind: 'invalid', problems: problems(3), problemCount: 3, warnings: [], warningCount: 0, suggestions: [] };
    render(<UploadReportView report={report} />, { wrapper: MemoryRouter });
    expect(screen.getByRole('alert').textContent).toMatch(/Fant 3 feil/);
    expect(rowsOf('upload-report-heading')).toHaveLength(3);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('counts the warnings and the lines left out of a stored version by the server’s counts', () => {
    const warnings = problems(2).map((p) => ({ ...p, code: 'W', message: 'read as 1' }));
    const report: UploadReport = {
      kind: 'stored',
      versionId: 7,
      versionNo: 2,
      lineCount: 10,
      warnings,
      warningCount: 1500,
      excluded: problems(1),
      excludedCount: 4000,
      awaitingUnspscCount: 0,
      suggestions: [],
    };
    render(<UploadReportView report={report} />, { wrapper: MemoryRouter });
    expect(screen.getByTestId('upload-warnings').querySelector('caption')?.textContent).toMatch(/^Advarsler \(1500\)/);
    expect(screen.getByTestId('upload-warnings-first').textContent).toMatch(/Viser de første 2 av 1\s500 advarsler/);
    expect(screen.getByTestId('upload-excluded').querySelector('caption')?.textContent).toMatch(/^Utelatte linjer \(4000\)/);
    expect(screen.getByTestId('upload-excluded-first').textContent).toMatch(/Viser de første 1 av 4\s000 utelatte linjer/);
  });
});
