import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { OrganisationPicker, SegmentPicker, TYPING_PAUSE } from './InsightPickers';

/**
 * Designsystemet's Suggestion is a web component (u-combobox) whose observers never settle in
 * jsdom (the test hangs), so here a stand-in with the same props takes its place: these tests are
 * about what the pickers ask the server and report; the real component runs in the browser test
 * (test/web-purchasing.e2e-spec.ts), axe-checked.
 */
vi.mock('@digdir/designsystemet-react', async (original) => {
  const ds = await original<typeof import('@digdir/designsystemet-react')>();
  type Item = { value: string; label: string };
  const Chosen = createContext<(item: Item | null) => void>(() => undefined);
  const Shown = createContext('');
  /**
   * Like the real list (u-combobox, single mode), the stand-in writes into the field itself, with
   * an input event that is not the user's: the choice's label once it is chosen, and on leaving
   * the field the choice's label again, or nothing when none is chosen (what was typed is gone).
   */
  const write = (input: HTMLInputElement | null, text: string) => {
    if (!input || input.value === text) return;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: text ? 'insertText' : 'deleteContentBackward', data: text }));
  };
  const Suggestion = Object.assign(
    ({ children, selected, onSelectedChange }: { children: ReactNode; selected?: Item | null; onSelectedChange?: (item: Item | null) => void }) => (
      <Chosen.Provider value={(item) => onSelectedChange?.(item)}>
        <Shown.Provider value={selected?.label ?? ''}>
          <span data-testid="chosen">{selected?.label ?? ''}</span>
          {children}
        </Shown.Provider>
      </Chosen.Provider>
    ),
    {
      Input: function Input(props: React.InputHTMLAttributes<HTMLInputElement>) {
        const shown = useContext(Shown);
        const ref = useRef<HTMLInputElement>(null);
        useEffect(() => write(ref.current, shown), [shown]);
        return <input ref={ref} {...props} onBlur={() => write(ref.current, shown)} />;
      },
      Clear: function Clear(props: { 'aria-label'?: string }) {
        const choose = useContext(Chosen);
        return <button type="button" aria-label={props['aria-label']} onClick={() => choose(null)} />;
      },
      List: ({ children }: { children: ReactNode }) => <ul>{children}</ul>,
      Empty: () => null,
      Option: function Option({ value, label, children }: { value: string; label: string; children: ReactNode }) {
        const choose = useContext(Chosen);
        return (
          <li>
            <button type="button" data-option={value} onClick={() => choose({ value, label })}>
              {children}
            </button>
          </li>
        );
      },
    },
  );
  return { ...ds, EXPERIMENTAL_Suggestion: Suggestion };
});

/** The server's answer: organisations named "<search> n", twenty a page, `total` in all. */
const organisations = (total: number) => (v: Record<string, unknown>) => {
  const start = v.after ? Number(v.after) : 0;
  const count = Math.min(20, total - start);
  return {
    insightOrganisations: {
      __typename: 'OrganisationConnection',
      totalCount: total,
      pageInfo: { __typename: 'PageInfo', hasNextPage: start + count < total, endCursor: String(start + count) },
      edges: Array.from({ length: count }, (_, i) => ({
        __typename: 'OrganisationEdge',
        node: { __typename: 'Organisation', id: 1000 + start + i, name: `${(v.search as string) ?? 'Skole'} ${start + i + 1}`, orgNumber: String(800000001 + start + i) },
      })),
    },
  };
};

const searches = (executeQuery: ReturnType<typeof mockClient>['executeQuery']) =>
  executeQuery.mock.calls.map(([op]) => op.variables as { search?: string | null; after?: string | null }).filter((v) => 'search' in v);

/** The picker's count line (a live region) as it reads. */
const countLine = () => within(screen.getByTestId('organisation-picker-more')).getByRole('status').textContent;

describe('OrganisationPicker', () => {
  it('asks the server for what is typed (after a pause), shows its answer, pages on, and reports the choice by id', async () => {
    const { client, executeQuery } = mockClient({ InsightOrganisations: organisations(45), InsightOrganisationName: undefined });
    const onChange = vi.fn();
    render(withProviders(<OrganisationPicker value={null} onChange={onChange} />, client));
    const input = screen.getByLabelText('Virksomhet (med underliggende)');
    expect(searches(executeQuery)[0]).toEqual({ search: null, after: null });
    await userEvent.type(input, 'Vestre');
    await waitFor(() => expect(searches(executeQuery).some((v) => v.search === 'Vestre' && v.after === null)).toBe(true));
    // One request for the whole word, not one per key.
    expect(searches(executeQuery).filter((v) => v.search && v.search !== 'Vestre')).toEqual([]);
    await screen.findByText('Vestre 1 (800000001)');
    expect(countLine()).toBe('Viser 20 av 45 for «Vestre».');
    // What shows is the counts alone (it fits the 16rem column); it is hidden from screen readers, who hear the line above, and its tooltip is the whole line.
    const seen = screen.getByTestId('organisation-picker-count');
    expect([seen.textContent, seen.getAttribute('aria-hidden'), seen.getAttribute('title')]).toEqual(['Viser 20 av 45.', 'true', 'Viser 20 av 45 for «Vestre».']);
    await userEvent.click(screen.getByRole('button', { name: 'Vis flere valg for Virksomhet (med underliggende)' }));
    await screen.findByText('Vestre 40 (800000040)');
    expect(screen.getByText('Vestre 1 (800000001)')).toBeTruthy();
    // Leaving the field for the button emptied it (the list does that when nothing is chosen):
    // that is not a new search, so the answers paged through stay, and the count says what they answer.
    expect((input as HTMLInputElement).value).toBe('');
    await act(() => new Promise((done) => setTimeout(done, TYPING_PAUSE * 2)));
    expect(searches(executeQuery).at(-1)).toEqual({ search: 'Vestre', after: '20' });
    expect(countLine()).toBe('Viser 40 av 45 for «Vestre».');
    // The list holds what the server sent: nothing filtered away in the browser.
    expect(document.querySelectorAll('[data-option]').length).toBe(40);
    await userEvent.click(screen.getByText('Vestre 3 (800000003)'));
    expect(onChange).toHaveBeenCalledWith(1002);
    expect(screen.getByTestId('chosen').textContent).toBe('');
  });

  it('asks the server nothing more when an organisation is picked (the list writes its name into the field)', async () => {
    const { client, executeQuery } = mockClient({
      InsightOrganisations: organisations(45),
      InsightOrganisationName: (v: Record<string, unknown>) => ({ organisation: { __typename: 'Organisation', id: v.id, name: 'Vestre 3', orgNumber: '800000003' } }),
    });
    const picked: (number | null)[] = [];
    function Host() {
      const [value, setValue] = useState<number | null>(null);
      return <OrganisationPicker value={value} onChange={(id) => (picked.push(id), setValue(id))} />;
    }
    render(withProviders(<Host />, client));
    const input = screen.getByLabelText<HTMLInputElement>('Virksomhet (med underliggende)');
    await userEvent.type(input, 'Vestre');
    await screen.findByText('Vestre 3 (800000003)');
    const asked = searches(executeQuery).length;
    await userEvent.click(screen.getByText('Vestre 3 (800000003)'));
    expect(picked).toEqual([1002]);
    await waitFor(() => expect(input.value).toBe('Vestre 3 (800000003)'));
    // Well past the pause after which a search would go out.
    await act(() => new Promise((done) => setTimeout(done, TYPING_PAUSE * 3)));
    expect(searches(executeQuery).slice(asked)).toEqual([]);
    expect(screen.getByTestId('chosen').textContent).toBe('Vestre 3 (800000003)');
    // Cleared: no choice, and the list offers every organisation again, not the last search's answers.
    await userEvent.click(screen.getByRole('button', { name: 'Tøm Virksomhet (med underliggende)' }));
    expect(picked).toEqual([1002, null]);
    await screen.findByText('Skole 1 (800000001)');
    expect(searches(executeQuery).at(-1)).toEqual({ search: null, after: null });
    expect(input.value).toBe('');
  });

  it('shows the organisation the address names by its name, without searching for it', async () => {
    const { client, executeQuery } = mockClient({
      InsightOrganisations: organisations(0),
      InsightOrganisationName: { organisation: { __typename: 'Organisation', id: 7, name: 'Nordby skole', orgNumber: '911000024' } },
    });
    render(withProviders(<OrganisationPicker value={7} onChange={() => undefined} />, client));
    await waitFor(() => expect(screen.getByTestId('chosen').textContent).toBe('Nordby skole (911000024)'));
    const input = screen.getByLabelText<HTMLInputElement>('Virksomhet (med underliggende)');
    expect(input.value).toBe('Nordby skole (911000024)');
    await act(() => new Promise((done) => setTimeout(done, TYPING_PAUSE * 3)));
    expect(searches(executeQuery)).toEqual([{ search: null, after: null }]);
  });
});

describe('SegmentPicker', () => {
  it('fetches every page of segments from the server, however many', async () => {
    const segment = (n: number) => ({ __typename: 'UnspscNodeEdge', node: { __typename: 'UnspscNode', code: `${10 + n}000000`, title: `Segment ${10 + n}` } });
    const { client, executeQuery } = mockClient({
      UnspscSegments: (v: Record<string, unknown>) => ({
        unspscChildren: {
          __typename: 'UnspscNodeConnection',
          totalCount: 3,
          pageInfo: { __typename: 'PageInfo', hasNextPage: !v.after, endCursor: v.after ? null : 'p2' },
          edges: v.after ? [segment(2)] : [segment(0), segment(1)],
        },
      }),
    });
    render(withProviders(<SegmentPicker value="" onChange={() => undefined} />, client));
    await screen.findByText('12 Segment 12');
    expect(screen.getByText('10 Segment 10')).toBeTruthy();
    expect(executeQuery.mock.calls.map(([op]) => (op.variables as { after: string | null }).after)).toEqual([null, 'p2']);
  });
});
