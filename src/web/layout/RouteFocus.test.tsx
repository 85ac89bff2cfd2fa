import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter, Route, Routes, useNavigate } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouteFocus } from './RouteFocus';

/** Shows its heading when the test says, as a lazy screen or one waiting for its data would. */
let reveal = () => {};
function LaterPage() {
  const [shown, setShown] = useState(false);
  reveal = () => setShown(true);
  return shown ? (
    <h1 data-page-heading tabIndex={-1}>
      Kommet fram
    </h1>
  ) : (
    <p>Laster …</p>
  );
}

function Shell() {
  const navigate = useNavigate();
  return (
    <>
      <RouteFocus />
      <button onClick={() => void navigate('/later')}>Videre</button>
      <input aria-label="Et annet felt" />
      <main>
        <Routes>
          <Route
            path="/"
            element={
              <h1 data-page-heading tabIndex={-1}>
                Start
              </h1>
            }
          />
          <Route path="/later" element={<LaterPage />} />
        </Routes>
      </main>
    </>
  );
}

const go = () => {
  const link = screen.getByRole('button', { name: 'Videre' });
  link.focus();
  fireEvent.click(link);
};

describe('RouteFocus', () => {
  afterEach(() => vi.useRealTimers());

  it('leaves focus alone on the first load', () => {
    render(
      <MemoryRouter>
        <Shell />
      </MemoryRouter>,
    );
    expect(document.activeElement).toBe(document.body);
  });

  it('moves focus to a heading that comes long after the route, as soon as it is there', async () => {
    vi.useFakeTimers();
    render(
      <MemoryRouter>
        <Shell />
      </MemoryRouter>,
    );
    go();
    expect(screen.getByText('Laster …')).toBeTruthy();
    // Ten seconds of loading: no deadline passes.
    await act(async () => {
      vi.advanceTimersByTime(10_000);
    });
    await act(async () => reveal());
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Kommet fram' }));
  });

  it('leaves focus where the user put it while the page was loading', async () => {
    render(
      <MemoryRouter>
        <Shell />
      </MemoryRouter>,
    );
    go();
    const field = screen.getByLabelText('Et annet felt');
    field.focus();
    await act(async () => reveal());
    expect(document.activeElement).toBe(field);
  });
});
