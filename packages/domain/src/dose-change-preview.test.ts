import { describe, expect, it } from 'vitest';
import { previewDoseChange, type DoseChangePreviewInput } from './dose-change-preview.ts';
import { DEFAULT_CLINIC_SETTINGS } from './settings.ts';
import { simpleProgram } from './testing/programs.ts';

const refill = { at: new Date('2027-01-10T10:00:00Z'), volumeAfterMl: 20, concentrationMcgPerMl: 500 };

function input(dose: number, overrides: Partial<DoseChangePreviewInput> = {}): DoseChangePreviewInput {
  return {
    newProgram: simpleProgram(dose, 500, '2027-01-20T10:00:00Z'),
    patientGroup: { ageGroup: 'adult', origin: 'spinal' },
    highRisk: false,
    programs: [simpleProgram(300, 500, '2026-06-01T09:00:00Z')],
    lastRefill: refill,
    alarmVolumeMl: 2,
    timeZone: 'Europe/London',
    settings: DEFAULT_CLINIC_SETTINGS,
    override: null,
    ...overrides,
  };
}

describe('previewDoseChange', () => {
  it('shows the change and the earlier dates a higher dose brings, within the titration limit', () => {
    const preview = previewDoseChange(input(390));
    expect(preview.previous?.dose.totalMcg).toBe(300);
    expect(preview.proposed.totalMcg).toBe(390);
    expect(preview.changePercent).toBeCloseTo(30, 9);
    expect(preview.decision).toMatchObject({ allowed: true, blocking: [] });
    // 10 days at 0.6 mL/day leave 14 mL; 12 mL to the alarm at 0.78 mL/day = 15.38 days after 20 Jan.
    const expected = Date.UTC(2027, 0, 20, 10) + (12 / 0.78) * 86_400_000;
    expect(Math.abs((preview.alarmAt?.getTime() ?? NaN) - expected)).toBeLessThanOrEqual(1);
    expect(preview.due).toMatchObject({
      alarmDate: '2027-02-04',
      dueDate: '2027-01-31',
      boundBy: 'alarm_margin',
    });
  });

  it('needs an override beyond the limit, and lets it through with a reason', () => {
    const refused = previewDoseChange(input(420));
    expect(refused.decision.allowed).toBe(false);
    expect(refused.decision.blocking.map((finding) => finding.code)).toEqual(['TITRATION_LIMIT_EXCEEDED']);
    const overridden = previewDoseChange(
      input(420, { override: { reason: 'Severe spasms after catheter revision' } }),
    );
    expect(overridden.decision.allowed).toBe(true);
  });

  it('refuses a program whose concentration differs from the drug in the reservoir', () => {
    const preview = previewDoseChange(
      input(300, { newProgram: simpleProgram(300, 1000, '2027-01-20T10:00:00Z') }),
    );
    expect(preview.decision.blocking.map((finding) => finding.code)).toContain('CONCENTRATION_MISMATCH');
  });

  it('has no previous dose or change for a first program, and no dates without a refill', () => {
    const preview = previewDoseChange(input(300, { programs: [], lastRefill: null }));
    expect(preview.previous).toBeNull();
    expect(preview.changePercent).toBeNull();
    expect(preview.due).toBeNull();
    expect(preview.alarmAt).toBeNull();
  });
});
