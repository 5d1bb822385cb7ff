import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../../test/render.tsx';
import { emptyRefillForm } from '../utils/refill-form.ts';
import { ResidualStep } from './residual-step.tsx';

function renderStep(performedAtLocal: string) {
  const values = {
    ...emptyRefillForm(new Date('2026-11-01T12:00:00.000Z'), 'America/New_York'),
    performedAtLocal,
  };
  renderWithProviders(
    <ResidualStep
      values={values}
      errors={{}}
      onChange={() => undefined}
      estimatedResidualMl={null}
      lastRefill={null}
      timeZone="America/New_York"
    />,
  );
}

/** The text of the elements the field's aria-describedby names (what a screen reader reads after it). */
function descriptionOf(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('the refill time field', () => {
  it('says, with the field, that a repeated time on a fall-back night is recorded as the first one', () => {
    renderStep('2026-11-01T01:30');
    expect(descriptionOf(screen.getByLabelText('Refill date and time'))).toBe(
      'On the site’s clock (America/New_York). 01:30 happens twice on 1 Nov 2026 in America/New_York ' +
        '(the clocks went back): PumpDesk records the first 01:30, before the clocks went back.',
    );
  });

  it('gives only the zone for an ordinary time', () => {
    renderStep('2026-11-01T09:30');
    expect(descriptionOf(screen.getByLabelText('Refill date and time'))).toBe(
      'On the site’s clock (America/New_York).',
    );
  });
});
