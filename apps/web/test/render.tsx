import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { type ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import { createQueryClient } from '../src/lib/query-client.ts';

// Vitest runs without globals here, so Testing Library cannot register its own clean-up.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

/** Renders with a fresh query client; no retries, so a failure shows at once. */
export function renderWithProviders(ui: ReactElement): RenderResult {
  const queryClient = createQueryClient({ queries: { retry: false } });
  return render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>);
}
