import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CursorPager } from './CursorPager';

describe('CursorPager', () => {
  it('offers the next page, not the previous one, on page 1', async () => {
    const onNext = vi.fn();
    const onPrevious = vi.fn();
    render(<CursorPager page={1} hasNext onNext={onNext} onPrevious={onPrevious} />);
    expect(screen.getByRole('navigation', { name: 'Sider' })).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Forrige' }).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Side 1' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('button', { name: 'Neste' }));
    expect(onNext).toHaveBeenCalledTimes(1);
    expect(onPrevious).not.toHaveBeenCalled();
  });

  it('is not there when everything fits on one page', () => {
    const { container } = render(<CursorPager page={1} hasNext={false} onNext={vi.fn()} onPrevious={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });
});
