import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { aRefillEntry, anAppointment, aWorklistSite } from '../../../../test/builders/worklists.ts';
import { installFakeApi, jsonResponse, notFound } from '../../../../test/fake-api.ts';
// Registers the clean-up after each test (unmount, fetch un-stubbed).
import '../../../../test/render.tsx';
import { createQueryClient } from '../../../lib/query-client.ts';
import { useSaveAppointment } from './save-appointment.ts';

/** A client holding what the screens cache about the patient, the worklists and the calendars. */
function seededClient(patientId: string) {
  const queryClient = createQueryClient({ queries: { retry: false } });
  const keys = {
    patientPage: ['patients', patientId, 'detail'],
    refillAndProgramScreens: ['patients', 'detail', patientId],
    patientList: ['patients', 'list', {}],
    worklist: ['worklists', 'refills', {}],
    calendar: ['appointments', 'site', 'x', 'today'],
  };
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { cached: true });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const invalidated = () =>
    Object.fromEntries(
      Object.entries(keys).map(([name, key]) => [name, queryClient.getQueryState(key)?.isInvalidated]),
    );
  return { wrapper, invalidated };
}

describe('after booking or moving an appointment', () => {
  const site = aWorklistSite();
  const entry = aRefillEntry(site);
  const appointment = anAppointment(entry.patient, site);
  const everyQueryStale = {
    patientPage: true,
    refillAndProgramScreens: true,
    patientList: true,
    worklist: true,
    calendar: true,
  };

  it('reads every patient query again, the refill and program screens’ too, and the worklists', async () => {
    installFakeApi((request) =>
      request.method === 'POST' && request.path === `/api/patients/${entry.patient.id}/appointments`
        ? jsonResponse(appointment, 201)
        : notFound(request),
    );
    const { wrapper, invalidated } = seededClient(entry.patient.id);
    const { result } = renderHook(() => useSaveAppointment(), { wrapper });
    await act(() =>
      result.current.mutateAsync({
        action: 'book',
        patientId: entry.patient.id,
        body: { kind: 'refill', startsAt: appointment.startsAt, durationMinutes: 30, siteId: site.id },
      }),
    );
    expect(invalidated()).toEqual(everyQueryStale);
  });

  it('does the same after a move', async () => {
    installFakeApi((request) =>
      request.method === 'PATCH' && request.path === `/api/appointments/${appointment.id}`
        ? jsonResponse({ ...appointment, version: 2 })
        : notFound(request),
    );
    const { wrapper, invalidated } = seededClient(entry.patient.id);
    const { result } = renderHook(() => useSaveAppointment(), { wrapper });
    await act(() =>
      result.current.mutateAsync({
        action: 'move',
        appointmentId: appointment.id,
        body: { version: 1, startsAt: appointment.startsAt, durationMinutes: 45 },
      }),
    );
    expect(invalidated()).toEqual(everyQueryStale);
  });
});
