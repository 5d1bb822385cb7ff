import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { anAppointment } from '../../../../test/builders/appointments.ts';
import { aSite, installFakeApi, jsonResponse, notFound } from '../../../../test/fake-api.ts';
// Registers the clean-up after each test (unmount, fetch un-stubbed).
import '../../../../test/render.tsx';
import { createQueryClient } from '../../../lib/query-client.ts';
import { useCloseAppointment } from './close-appointment.ts';

describe('after closing an appointment', () => {
  it('reads every patient query again, the worklists and the calendars', async () => {
    const appointment = anAppointment(aSite(), { startsAt: '2026-11-25T10:00:00.000Z' });
    const patientId = appointment.patient.id;
    installFakeApi((request) =>
      request.method === 'POST' && request.path === `/api/appointments/${appointment.id}/complete`
        ? jsonResponse({ ...appointment, status: 'done', version: 2 })
        : notFound(request),
    );
    const queryClient = createQueryClient({ queries: { retry: false } });
    const keys = {
      patientPage: ['patients', patientId, 'appointments'],
      refillAndProgramScreens: ['patients', 'detail', patientId],
      worklist: ['worklists', 'refills', {}],
      calendar: ['appointments', 'site', appointment.site.id, 'day', '2026-11-25'],
    };
    for (const key of Object.values(keys)) queryClient.setQueryData(key, { cached: true });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useCloseAppointment(appointment.id), { wrapper });
    await act(() => result.current.mutateAsync({ action: 'complete', version: 1 }));
    expect(
      Object.fromEntries(
        Object.entries(keys).map(([name, key]) => [name, queryClient.getQueryState(key)?.isInvalidated]),
      ),
    ).toEqual({ patientPage: true, refillAndProgramScreens: true, worklist: true, calendar: true });
  });
});
