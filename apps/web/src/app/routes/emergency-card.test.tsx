import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { aPatientDetail } from '../../../test/builders/patient-record.ts';
import {
  aSession,
  aSite,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../test/fake-api.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import EmergencyCardRoute from './emergency-card.tsx';

function renderCard(patientId: string): void {
  renderWithProviders(
    <MemoryRouter initialEntries={[`/patients/${patientId}/emergency-card`]}>
      <Routes>
        <Route path="/patients/:patientId/emergency-card" element={<EmergencyCardRoute />} />
      </Routes>
    </MemoryRouter>,
  );
}

function term(card: HTMLElement, name: string): string {
  const dt = within(card).getByText(name, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
}

describe('emergency card', () => {
  it('holds what an emergency department needs, with the clinic’s phone and address, and prints', async () => {
    const patient = aPatientDetail();
    const site = aSite({
      id: patient.site.id,
      name: patient.site.name,
      phone: '+44 20 7946 0000',
      address: '1 Clinic Road, London',
    });
    installFakeApi((request) => {
      if (request.path === '/api/auth/session') return jsonResponse(aSession({ role: 'nurse' }));
      if (request.path === '/api/sites') return jsonResponse({ items: [site] });
      if (request.path === `/api/patients/${patient.id}`) return jsonResponse(patient);
      return notFound(request);
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderCard(patient.id);

    const card = await screen.findByRole('article', { name: 'Intrathecal baclofen pump: emergency card' });
    expect(term(card, 'Name')).toBe('Ada Lovelace');
    expect(term(card, 'Date of birth')).toBe('14 Mar 1980');
    expect(term(card, 'MRN')).toBe('MRN0042');
    expect(term(card, 'Pump')).toBe('Medtronic SynchroMed II, serial NGP100001');
    expect(term(card, 'Drug')).toBe('Baclofen, intrathecal');
    expect(term(card, 'Concentration')).toBe('500 mcg/mL');
    expect(term(card, 'Daily dose')).toBe('300 mcg/day (simple continuous)');
    expect(term(card, 'Low-reservoir alarm')).toBe('10 Dec 2026');
    expect(term(card, 'Refill due')).toBe('3 Dec 2026');
    expect(term(card, 'Clinic')).toBe('Northside Clinic');
    expect(term(card, 'Phone')).toBe('+44 20 7946 0000');
    expect(term(card, 'Address')).toBe('1 Clinic Road, London');
    expect(term(card, 'Responsible physician')).toBe('Dr Grace Hopper');
    expect(card.textContent).toContain('Baclofen withdrawal can be life-threatening');
    const withdrawal = within(card).getByRole('region', { name: 'Signs of withdrawal' });
    expect(
      within(withdrawal)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(
      expect.arrayContaining([
        'Itching (pruritus) without a rash',
        'High fever',
        'Return of spasticity or muscle rigidity (rebound spasticity)',
        'Confusion or altered mental status',
      ]),
    );
    expect(within(card).getByRole('region', { name: 'Signs of overdose' }).textContent).toContain(
      'respiratory depression',
    );
    expect(document.title).toBe('Emergency card: Lovelace, Ada · PumpDesk');

    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    expect(screen.getByRole('link', { name: 'Back to Ada Lovelace' }).getAttribute('href')).toBe(
      `/patients/${patient.id}`,
    );
  });

  it('says when the clinic’s contact could not be loaded, and still shows the card', async () => {
    const patient = aPatientDetail();
    installFakeApi((request) => {
      if (request.path === '/api/auth/session') return jsonResponse(aSession());
      if (request.path === '/api/sites') {
        return problemResponse({ status: 500, code: 'INTERNAL_ERROR', title: 'Internal error' });
      }
      if (request.path === `/api/patients/${patient.id}`) return jsonResponse(patient);
      return notFound(request);
    });
    renderCard(patient.id);
    const card = await screen.findByRole('article', {}, { timeout: 5000 });
    expect(term(card, 'Phone')).toBe('Not on record');
    expect(screen.getByRole('alert').textContent).toContain('could not be loaded');
  });

  it('shows loading, then an error with a retry', async () => {
    const patient = aPatientDetail();
    installFakeApi((request) => {
      if (request.path === '/api/auth/session') return jsonResponse(aSession());
      if (request.path === '/api/sites') return jsonResponse({ items: [] });
      return problemResponse({
        status: 404,
        code: 'NOT_FOUND',
        title: 'Not found',
        detail: 'No such patient.',
      });
    });
    renderCard(patient.id);
    expect(screen.getByText('Loading the emergency card…')).toBeDefined();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No such patient.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeDefined();
  });

  it('has no card for a patient without a pump', async () => {
    const patient = aPatientDetail({ currentPump: null });
    installFakeApi((request) => {
      if (request.path === '/api/auth/session') return jsonResponse(aSession());
      if (request.path === '/api/sites') return jsonResponse({ items: [] });
      if (request.path === `/api/patients/${patient.id}`) return jsonResponse(patient);
      return notFound(request);
    });
    renderCard(patient.id);
    expect(await screen.findByText('No implanted pump.')).toBeDefined();
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Print' })).toBeNull();
  });
});
