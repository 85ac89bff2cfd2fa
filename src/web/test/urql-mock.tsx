import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { vi } from 'vitest';
import { AnnouncerProvider } from '../components/Announcer';

/** A stand-in urql client: queries and mutations answer with what the test gives (by operation name). */
export function mockClient(answers: Record<string, unknown>) {
  const answer = (op: { query: { definitions: readonly { name?: { value: string } }[] }; variables: unknown }) => {
    const name = op.query.definitions.map((d) => d.name?.value).find(Boolean) ?? '';
    const a = answers[name];
    if (a === undefined) return never;
    const data = typeof a === 'function' ? (a as (v: Record<string, unknown>) => unknown)(op.variables as Record<string, unknown>) : a;
    return fromValue({ data, operation: op });
  };
  const executeQuery = vi.fn((op) => answer(op));
  const executeMutation = vi.fn((op) => answer(op));
  return { client: { executeQuery, executeMutation, executeSubscription: vi.fn(() => never) } as unknown as Client, executeQuery, executeMutation };
}

/** The providers a screen needs: GraphQL client, router at `path`, live region. */
export function withProviders(children: ReactNode, client: Client, path = '/') {
  return (
    <Provider value={client}>
      <MemoryRouter initialEntries={[path]}>
        <AnnouncerProvider>{children}</AnnouncerProvider>
      </MemoryRouter>
    </Provider>
  );
}
