import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from './calendar-date.ts';
import { previewDoseChange } from './dose-change-preview.ts';
import { programInForceAt, previewRefill, type RefillPreviewInput } from './refill-preview.ts';
import { DEFAULT_CLINIC_SETTINGS } from './settings.ts';
import { simpleProgram } from './testing/programs.ts';

const maintenance = simpleProgram(300, 500, '2026-06-01T09:00:00Z');

function input(overrides: Partial<RefillPreviewInput> = {}): RefillPreviewInput {
  return {
    refill: {
      at: new Date('2027-01-10T10:00:00Z'),
      expectedResidualMl: 2.5,
      withdrawnVolumeMl: 2.4,
      concentrationMcgPerMl: 500,
      volumeFilledMl: 20,
      reservoirVolumeAfterMl: 20,
      drugExpiry: null,
    },
    reservoirMl: 20,
    programs: [maintenance],
    newProgram: null,
    newProgramOverride: null,
    patientGroup: { ageGroup: 'adult', origin: 'spinal' },
    highRisk: false,
    alarmVolumeMl: 2,
    timeZone: 'Europe/London',
    settings: DEFAULT_CLINIC_SETTINGS,
    ...overrides,
  };
}

describe('previewRefill', () => {
  it("gives the worked example's dates: alarm 30 days after a 20 mL fill at 0.6 mL/day, due 4 days before", () => {
    const preview = previewRefill(input());
    expect(preview).toMatchObject({ allowed: true, program: null, programConcentrationMcgPerMl: 500 });
    expect(preview.decision.findings).toEqual([]);
    expect(preview.alarmAt).toEqual(new Date('2027-02-09T10:00:00Z'));
    expect(preview.emptyAt?.getTime()).toBeCloseTo(Date.UTC(2027, 0, 10, 10) + (20 / 0.6) * 86_400_000, -1);
    expect(preview.due).toMatchObject({
      alarmDate: '2027-02-09',
      dueDate: '2027-02-05',
      boundBy: 'alarm_margin',
    });
  });

  it('refuses a concentration the pump is not programmed for', () => {
    const preview = previewRefill(input({ refill: { ...input().refill, concentrationMcgPerMl: 1000 } }));
    expect(preview.allowed).toBe(false);
    expect(preview.decision.blocking.map((finding) => finding.code)).toEqual(['CONCENTRATION_MISMATCH']);
  });

  it('accepts a new concentration with a new program of the same step, judged against the new drug', () => {
    const refill = { ...input().refill, concentrationMcgPerMl: 1000 };
    const newProgram = simpleProgram(300, 1000, refill.at);
    const preview = previewRefill(input({ refill, newProgram }));
    expect(preview.allowed).toBe(true);
    expect(preview.program?.decision.blocking).toEqual([]);
    expect(preview.program?.changePercent).toBe(0);
    // 18 mL to the alarm at 0.3 mL/day: 60 days.
    expect(preview.alarmAt).toEqual(new Date('2027-03-11T10:00:00Z'));
  });

  it('blocks when the new program of the same step is blocked (titration without override)', () => {
    const refill = { ...input().refill, concentrationMcgPerMl: 1000 };
    const newProgram = simpleProgram(420, 1000, refill.at);
    const refused = previewRefill(input({ refill, newProgram }));
    expect(refused.allowed).toBe(false);
    expect(refused.decision.allowed).toBe(true);
    expect(refused.program?.decision.blocking.map((finding) => finding.code)).toEqual([
      'TITRATION_LIMIT_EXCEEDED',
    ]);
    const overridden = previewRefill(
      input({ refill, newProgram, newProgramOverride: { reason: 'Spasms after catheter revision' } }),
    );
    expect(overridden.allowed).toBe(true);
  });

  it('keeps residual gaps and pocket fills as findings that do not block', () => {
    const preview = previewRefill(
      input({ refill: { ...input().refill, withdrawnVolumeMl: 5, reservoirVolumeAfterMl: 17 } }),
    );
    expect(preview.allowed).toBe(true);
    expect(preview.decision.findings.map((finding) => finding.code)).toEqual([
      'POSSIBLE_POCKET_FILL',
      'RESIDUAL_GAP',
    ]);
  });

  it('refuses a fill beyond the reservoir and expired drug', () => {
    const preview = previewRefill(
      input({
        refill: {
          ...input().refill,
          volumeFilledMl: 22,
          reservoirVolumeAfterMl: 22,
          drugExpiry: parseCalendarDate('2027-01-09'),
        },
      }),
    );
    expect(preview.decision.blocking.map((finding) => finding.code).sort()).toEqual([
      'DRUG_EXPIRED',
      'VOLUME_ABOVE_CAPACITY',
      'VOLUME_ABOVE_CAPACITY',
    ]);
  });

  it('compares with the program in force at the refill, not a later one', () => {
    const later = simpleProgram(300, 1000, '2027-02-01T09:00:00Z');
    expect(programInForceAt([maintenance, later], new Date('2027-01-10T10:00:00Z'))).toBe(maintenance);
    expect(programInForceAt([later], new Date('2027-01-10T10:00:00Z'))).toBe(later);
    expect(programInForceAt([], new Date())).toBeNull();
    expect(previewRefill(input({ programs: [maintenance, later] })).programConcentrationMcgPerMl).toBe(500);
  });
});

describe('previewDoseChange with a refill in the same step', () => {
  it('compares the concentration with the drug filled in that step', () => {
    const newProgram = simpleProgram(300, 1000, '2027-01-10T10:00:00Z');
    const base = {
      newProgram,
      patientGroup: { ageGroup: 'adult', origin: 'spinal' },
      highRisk: false,
      programs: [maintenance],
      lastRefill: { at: new Date('2026-12-10T10:00:00Z'), volumeAfterMl: 20, concentrationMcgPerMl: 500 },
      alarmVolumeMl: 2,
      timeZone: 'Europe/London',
      settings: DEFAULT_CLINIC_SETTINGS,
      override: null,
    } as const;
    const alone = previewDoseChange(base);
    expect(alone.decision.blocking.map((finding) => finding.code)).toEqual(['CONCENTRATION_MISMATCH']);
    const withRefill = previewDoseChange({ ...base, refillConcentrationMcgPerMl: 1000 });
    expect(withRefill.decision.allowed).toBe(true);
  });
});
