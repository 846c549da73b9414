import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem';

// A 4xx will not change on retry; network blips and 5xx may.
const isRetryable = (error: unknown) => !(error instanceof ApiError && error.status >= 400 && error.status < 500);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && isRetryable(error),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
