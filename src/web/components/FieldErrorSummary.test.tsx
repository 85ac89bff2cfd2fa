import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FieldErrorSummary, useErrorSummaryFocus } from './FieldErrorSummary';

type Field = 'costCentre' | 'address';
const IDS: Record<Field, string> = { costCentre: 'f-cost-centre', address: 'f-address' };

function Form({ errors }: { errors: Partial<Record<Field, string>> }) {
  const summary = useErrorSummaryFocus();
  return (
    <>
      <FieldErrorSummary heading="Rett opp dette før du sender:" errors={errors} fieldIds={IDS} summaryRef={summary.ref} />
      <button onClick={summary.focus}>Send</button>
    </>
  );
}

describe('FieldErrorSummary', () => {
  it('lists each problem as a link to its field, under the heading', () => {
    render(<Form errors={{ costCentre: 'Velg koststed.', address: 'Velg leveringsadresse.' }} />);
    expect(screen.getByText('Rett opp dette før du sender:')).toBeTruthy();
    const links = screen.getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Velg koststed.', '#f-cost-centre'],
      ['Velg leveringsadresse.', '#f-address'],
    ]);
  });

  it('is not there without problems', () => {
    render(<Form errors={{ costCentre: undefined }} />);
    expect(screen.queryByText('Rett opp dette før du sender:')).toBeNull();
  });

  it('takes focus after a refused submit, so a screen reader reads the problems', async () => {
    render(<Form errors={{ address: 'Velg leveringsadresse.' }} />);
    await act(async () => {
      screen.getByRole('button', { name: 'Send' }).click();
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    });
    expect(document.activeElement?.textContent).toContain('Velg leveringsadresse.');
  });
});
