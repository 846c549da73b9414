import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from '../App';
import { AuthProvider } from '../auth/AuthProvider';
import { createQueryClient } from '../queryClient';
import { emptyReference } from './fixtures';

/** The whole app at one address, as a browser would load it. */
export function renderApp(path: string) {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>
          <App />
        </MemoryRouter>
      </AuthProvider>
    </QueryClientProvider>,
  );
}

type Handler = (request: Request) => Response | Promise<Response>;

/** Answers API calls by "METHOD /path"; anything unexpected fails loudly as a 501. */
export function fakeApi(routes: Record<string, Handler>) {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const key = `${request.method} ${new URL(request.url).pathname.replace(/^\/api\/v1/, '')}`;
    const handler = routes[key];
    if (!handler) return new Response(`no fake for ${key}`, { status: 501 });
    return handler(request);
  };
}

export const problem = (status: number, detail: string, errors?: { field: string; message: string }[]) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, detail, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The answers of a session already signed in as me (token tok-1), with empty reference lists and no unread notifications. */
export const signedInAs = (me: unknown) => ({
  'POST /auth/refresh': () => json(200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 900 }),
  'GET /me': () => json(200, me),
  'GET /notifications/unread-count': () => json(200, { count: 0 }),
  ...emptyReference,
});
