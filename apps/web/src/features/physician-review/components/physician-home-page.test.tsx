import {
  type DoseChangeEntry,
  type FollowUpWorklistEntry,
  type RefillWorklistEntry,
  type SafetyFindingEntry,
} from '@pumpdesk/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeApi, jsonResponse, notFound, problemResponse } from '../../../../test/fake-api.ts';
import { renderWithProviders } from '../../../../test/render.tsx';
import { PhysicianHomePage } from './physician-home-page.tsx';

const site = { id: crypto.randomUUID(), name: 'Northside Clinic', timeZone: 'Europe/London' };
const ada = { id: crypto.randomUUID(), mrn: 'MRN0042', givenName: 'Ada', familyName: 'Lovelace' };
const ben = { id: crypto.randomUUID(), mrn: 'MRN0043', givenName: 'Ben', familyName: 'Okafor' };
const pump = {
  id: crypto.randomUUID(),
  manufacturer: 'Medtronic',
  model: 'SynchroMed II',
  serialNumber: 'NGP1',
};

const overriddenChange: DoseChangeEntry = {
  patient: ada,
  site,
  pumpId: pump.id,
  programId: crypto.randomUUID(),
  effectiveFrom: '2026-11-24T14:30:00.000Z',
  mode: 'simple_continuous',
  concentrationMcgPerMl: 500,
  dailyDoseMcg: 450,
  previousDailyDoseMcg: 300,
  changePercent: 50,
  programmedBy: { id: crypto.randomUUID(), name: 'Dr Amara Nwosu' },
  reason: 'Spasms not controlled',
  titrationOverride: true,
  titrationOverrideReason: 'Severe spasticity after surgery',
};

const firstProgram: DoseChangeEntry = {
  ...overriddenChange,
  patient: ben,
  programId: crypto.randomUUID(),
  dailyDoseMcg: 100,
  previousDailyDoseMcg: null,
  changePercent: null,
  titrationOverride: false,
  titrationOverrideReason: null,
  reason: 'New implant',
};

const pocketFill: SafetyFindingEntry = {
  patient: ben,
  site,
  pumpId: pump.id,
  refillId: crypto.randomUUID(),
  performedAt: '2026-11-20T10:00:00.000Z',
  performedBy: { id: crypto.randomUUID(), name: 'Rosa Lind' },
  findings: [
    {
      code: 'POSSIBLE_POCKET_FILL',
      severity: 'critical',
      message: 'The reservoir reads 14 mL after the fill but 20 mL were injected.',
    },
  ],
};

const entryBase = {
  patient: ada,
  pump,
  site: { id: site.id, name: site.name },
  responsiblePhysician: { id: crypto.randomUUID(), name: 'Dr Amara Nwosu' },
  highRisk: false,
  today: '2026-11-25',
};

const alarmReached: RefillWorklistEntry = {
  ...entryBase,
  urgency: 'critical',
  status: 'critical',
  message: 'Low-reservoir alarm reached on 23 Nov 2026.',
  dueDate: '2026-11-19',
  dueDateBoundBy: 'alarm_margin',
  daysUntilDue: -6,
  alarmAt: '2026-11-23T10:00:00.000Z',
  alarmDate: '2026-11-23',
  emptyAt: '2026-11-27T10:00:00.000Z',
  emptyDate: '2026-11-27',
  criticalSince: '2026-11-23',
  nextBookedRefill: null,
  noAppointmentByDueDate: true,
};

const neverReviewed: FollowUpWorklistEntry = {
  ...entryBase,
  patient: ben,
  urgency: 'overdue',
  status: 'never_reviewed',
  message: 'Never reviewed.',
  lastReview: null,
  nextReviewDue: '2026-11-01',
  daysUntilDue: -24,
};

function renderHome() {
  renderWithProviders(
    <MemoryRouter initialEntries={['/review']}>
      <PhysicianHomePage />
    </MemoryRouter>,
  );
}

describe('physician home', { timeout: 20_000 }, () => {
  it('shows recent dose changes with old → new, the change, who and the override reason', async () => {
    const api = installFakeApi((request) => {
      if (request.path === '/api/worklists/dose-changes')
        return jsonResponse({ days: 30, items: [overriddenChange, firstProgram] });
      if (request.path === '/api/worklists/safety-findings')
        return jsonResponse({ days: 30, items: [pocketFill] });
      if (request.path === '/api/worklists/refills')
        return jsonResponse({ items: [alarmReached], nextCursor: null });
      if (request.path === '/api/worklists/follow-ups')
        return jsonResponse({ items: [neverReviewed], nextCursor: null });
      return notFound(request);
    });
    renderHome();
    const changes = await screen.findByRole('table', { name: /Dose changes in the last 30 days/ });
    const [overridden, first] = within(changes).getAllByRole('row').slice(1);
    expect(
      within(overridden as HTMLElement)
        .getByRole('link', { name: 'Lovelace, Ada' })
        .getAttribute('href'),
    ).toBe(`/patients/${ada.id}`);
    const cells = within(overridden as HTMLElement)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      '24 Nov 2026, 14:30',
      '300 mcg/day → 450 mcg/day',
      '+50%',
      'Dr Amara Nwosu',
      'Spasms not controlledOverride Severe spasticity after surgery',
    ]);
    expect(within(first as HTMLElement).getByText('100 mcg/day (first program)')).toBeDefined();
    expect(api.requestsTo('/api/worklists/dose-changes')[0]?.query.get('days')).toBe('30');

    // Safety findings: today's critical state and the stored refill finding.
    const critical = screen.getByRole('table', { name: 'Patients in a critical state today' });
    expect(within(critical).getByText('Low-reservoir alarm reached on 23 Nov 2026.')).toBeDefined();
    expect(api.requestsTo('/api/worklists/refills')[0]?.query.getAll('status')).toEqual(['critical']);
    const refillFindings = screen.getByRole('table', { name: /Refills with safety findings/ });
    expect(within(refillFindings).getByText(pocketFill.findings[0]?.message ?? '')).toBeDefined();
    expect(within(refillFindings).getByText('Critical')).toBeDefined();

    // Reviews due, with the status in words.
    const reviews = screen.getByRole('table', { name: /Reviews due/ });
    expect(within(reviews).getByText('Never reviewed')).toBeDefined();
    expect(within(reviews).getByText('1 Nov 2026')).toBeDefined();
    expect(within(reviews).getByText('(24 days ago)')).toBeDefined();
  });

  it('says when a list is empty and lets a failed list be retried on its own', async () => {
    let doseChangeCalls = 0;
    installFakeApi((request) => {
      if (request.path === '/api/worklists/dose-changes') {
        doseChangeCalls += 1;
        return doseChangeCalls === 1
          ? problemResponse({
              status: 503,
              code: 'TRY_AGAIN',
              title: 'Try again',
              detail: 'Nothing was read.',
            })
          : jsonResponse({ days: 30, items: [] });
      }
      if (request.path === '/api/worklists/safety-findings') return jsonResponse({ days: 30, items: [] });
      if (request.path === '/api/worklists/refills') return jsonResponse({ items: [], nextCursor: null });
      if (request.path === '/api/worklists/follow-ups') return jsonResponse({ items: [], nextCursor: null });
      return notFound(request);
    });
    const user = userEvent.setup();
    renderHome();
    expect(await screen.findByRole('heading', { name: 'Could not load the dose changes' })).toBeDefined();
    expect(screen.getByText('No patient is in a critical state today.')).toBeDefined();
    expect(
      screen.getByText('No critical findings or warnings on refills in the last 30 days.'),
    ).toBeDefined();
    expect(screen.getByText('No reviews are overdue or due in the next 30 days.')).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No dose changes in the last 30 days.')).toBeDefined();
  });
});
