import { describe, expect, it } from 'vitest';
import { aDoseProgram, aRefill, aVisit } from '../../../../test/builders/patient-record.ts';
import { doseAt, doseSteps, refillMarkers, scorePoints, stepLinePoints } from './dose-history.ts';

const pumpA = { id: crypto.randomUUID(), serialNumber: 'A1' };
const pumpB = { id: crypto.randomUUID(), serialNumber: 'B2' };

describe('dose history', () => {
  const programs = [
    aDoseProgram(pumpB.id, {
      effectiveFrom: '2024-01-10T09:00:00.000Z',
      dailyDoseMcg: 400,
      concentrationMcgPerMl: 1000,
    }),
    aDoseProgram(pumpA.id, { effectiveFrom: '2019-05-01T09:00:00.000Z', dailyDoseMcg: 150 }),
    aDoseProgram(pumpA.id, { effectiveFrom: '2020-02-01T09:00:00.000Z', dailyDoseMcg: 250 }),
  ];

  it('orders every pump’s programs by when they took effect and marks concentration changes', () => {
    const steps = doseSteps([pumpA, pumpB], programs);
    expect(steps.map((step) => [step.dailyDoseMcg, step.pumpSerial, step.concentrationChangedFrom])).toEqual([
      [150, 'A1', null],
      [250, 'A1', null],
      [400, 'B2', 500],
    ]);
  });

  it('carries the last dose on to today, and places refills on the line', () => {
    const steps = doseSteps([pumpA, pumpB], programs);
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(stepLinePoints(steps, now).at(-1)).toEqual({ at: now, dailyDoseMcg: 400 });
    expect(stepLinePoints(steps, null)).toHaveLength(3);
    expect(doseAt(steps, Date.parse('2019-01-01T00:00:00Z'))).toBeNull();
    const markers = refillMarkers(steps, [
      aRefill(pumpA.id, { performedAt: '2020-03-01T10:00:00.000Z' }),
      aRefill(pumpA.id, { performedAt: '2019-06-01T10:00:00.000Z' }),
    ]);
    expect(markers.map((marker) => marker.dailyDoseMcg)).toEqual([150, 250]);
  });

  it('draws Modified Ashworth 1+ half-way between 1 and 2, and skips visits without scores', () => {
    const patientId = crypto.randomUUID();
    const points = scorePoints(
      [
        aVisit(patientId, { visitDate: '2026-10-10', ashworth: '1+', pennFrequency: 2, pennSeverity: 1 }),
        aVisit(patientId, { visitDate: '2026-05-10' }),
        aVisit(patientId, { visitDate: '2025-10-10', ashworth: '3', pennFrequency: null }),
      ],
      'Europe/London',
    );
    expect(points.map((point) => [point.visitDate, point.ashworthValue, point.pennFrequency])).toEqual([
      ['2025-10-10', 3, null],
      ['2026-10-10', 1.5, 2],
    ]);
    // Noon of the visit day in the site's zone (BST: 11:00 UTC).
    expect(new Date(points[1]?.at ?? 0).toISOString()).toBe('2026-10-10T11:00:00.000Z');
  });
});
