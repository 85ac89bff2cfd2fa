import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { PagedList } from './PagedList';

const pages = (page = 1) => ({ page, next: vi.fn(), previous: vi.fn() });
const connection = (totalCount: number, hasNextPage = false) => ({ totalCount, pageInfo: { hasNextPage, endCursor: hasNextPage ? 'c2' : null } });
const rows = (c: { totalCount: number }) => <p>{c.totalCount} rader</p>;

describe('PagedList', () => {
  it('says it is loading until the first answer, and nothing else', () => {
    render(
      <PagedList result={{ fetching: true }} connection={undefined} onRetry={vi.fn()} empty="Ingen ordrer." pages={pages()}>
        {rows}
      </PagedList>,
    );
    expect(screen.getByRole('status').textContent).toBe('Laster …');
    expect(screen.queryByText('Ingen ordrer.')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('says so when the list is empty, without a page or a pager', () => {
    render(
      <PagedList result={{ fetching: false }} connection={connection(0)} onRetry={vi.fn()} empty="Ingen ordrer." pages={pages()}>
        {rows}
      </PagedList>,
    );
    expect(screen.getByText('Ingen ordrer.')).toBeTruthy();
    expect(screen.queryByText('0 rader')).toBeNull();
  });

  it('shows the page, keeps it while the next loads, and pages on with the connection’s cursor', async () => {
    const p = pages(1);
    render(
      <PagedList result={{ fetching: true }} connection={connection(25, true)} onRetry={vi.fn()} empty="Ingen ordrer." pages={p} pagerLabel="Sider med ordrer">
        {rows}
      </PagedList>,
    );
    expect(screen.getByText('25 rader')).toBeTruthy();
    expect(screen.queryByText('Laster …')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Neste' }));
    expect(p.next).toHaveBeenCalledWith('c2');
    expect(screen.getByRole('navigation', { name: 'Sider med ordrer' })).toBeTruthy();
  });

  it('says what went wrong and offers to try again', async () => {
    const retry = vi.fn();
    render(
      <PagedList result={{ fetching: false, error: new CombinedError({ networkError: new Error('offline') }) }} connection={undefined} onRetry={retry} empty="Ingen ordrer." pages={pages()}>
        {rows}
      </PagedList>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Prøv igjen' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
