import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorAlert } from './ErrorAlert';

describe('ErrorAlert', () => {
  it('is announced at once (role alert), says what to do, and offers to try again', async () => {
    const retry = vi.fn();
    render(<ErrorAlert message="Får ikke kontakt med Torg." onRetry={retry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Det gikk ikke');
    expect(alert.textContent).toContain('Får ikke kontakt med Torg.');
    await userEvent.click(screen.getByRole('button', { name: 'Prøv igjen' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
