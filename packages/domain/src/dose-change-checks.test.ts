import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDoseChange,
  type DoseChangeInput,
  type DoseHistoryEntry,
  type PatientGroup,
  titrationLimitFor,
} from './dose-change-checks.ts';
import { decideWrite, type Finding } from './findings.ts';
import { DEFAULT_CLINIC_SETTINGS as settings, parseClinicSettings } from './settings.ts';

const T0 = Date.UTC(2027, 0, 10, 9, 0);
const HOUR = 3_600_000;
/** The instant `hours` hours after (before, when negative) the new program takes effect. */
const at = (hours: number) => new Date(T0 + hours * HOUR);
const entry = (hours: number, dailyDoseMcg: number): DoseHistoryEntry => ({
  effectiveFrom: at(hours),
  dailyDoseMcg,
});

const adultSpinal: PatientGroup = { ageGroup: 'adult', origin: 'spinal' };
const adultCerebral: PatientGroup = { ageGroup: 'adult', origin: 'cerebral' };
const childCerebral: PatientGroup = { ageGroup: 'child', origin: 'cerebral' };
const childSpinal: PatientGroup = { ageGroup: 'child', origin: 'spinal' };

/** A new 500 mcg/mL program for an adult with spinal-origin spasticity, 400 mcg/day for a month. */
function change(newDailyDoseMcg: number, overrides: Partial<DoseChangeInput> = {}): DoseChangeInput {
  return {
    patientGroup: adultSpinal,
    effectiveFrom: at(0),
    newDailyDoseMcg,
    newConcentrationMcgPerMl: 500,
    history: [entry(-24 * 30, 400)],
    reservoirConcentrationMcgPerMl: 500,
    refillConcentrationMcgPerMl: null,
    timeZone: 'Europe/London',
    ...overrides,
  };
}

const codes = (findings: readonly Finding[]) => findings.map((finding) => finding.code);
const titration = (findings: readonly Finding[]) =>
  findings.filter((finding) => finding.code === 'TITRATION_LIMIT_EXCEEDED');

describe('titrationLimitFor', () => {
  it('uses the group limits from the settings; children whatever the origin', () => {
    expect(titrationLimitFor(adultSpinal, 400, settings)).toEqual({
      maxIncreasePercent: 30,
      maxDecreasePercent: 20,
      groupLabel: 'adults with spinal-origin spasticity',
      highDose: false,
    });
    expect(titrationLimitFor(adultCerebral, 400, settings)).toMatchObject({ maxIncreasePercent: 15 });
    expect(titrationLimitFor(childSpinal, 400, settings)).toMatchObject({
      maxIncreasePercent: 15,
      maxDecreasePercent: 15,
      groupLabel: 'children',
    });
  });

  it('caps both limits at 20% from 600 mcg/day', () => {
    expect(titrationLimitFor(adultSpinal, 599, settings)).toMatchObject({ maxIncreasePercent: 30 });
    expect(titrationLimitFor(adultSpinal, 600, settings)).toMatchObject({
      maxIncreasePercent: 20,
      maxDecreasePercent: 20,
      highDose: true,
    });
    expect(titrationLimitFor(childCerebral, 800, settings)).toMatchObject({ maxIncreasePercent: 15 });
  });
});

describe('checkDoseChange: titration limits', () => {
  it('the first program has nothing to titrate from', () => {
    expect(checkDoseChange(change(400, { history: [] }), settings)).toEqual([]);
  });

  it('adult spinal: +30% exactly is allowed, just above needs an override', () => {
    expect(checkDoseChange(change(520), settings)).toEqual([]);
    expect(titration(checkDoseChange(change(521), settings))).toMatchObject([
      { severity: 'override_required', facts: { direction: 'increase', limitPercent: 30 } },
    ]);
  });

  it('writes the rule in one sentence with the numbers', () => {
    expect(checkDoseChange(change(580), settings)).toEqual([
      {
        code: 'TITRATION_LIMIT_EXCEEDED',
        severity: 'override_required',
        message:
          '+45% in 24 h (400 → 580 mcg/day) exceeds the 30% limit for adults with spinal-origin spasticity; a physician override with a reason is needed.',
        facts: {
          direction: 'increase',
          referenceDoseMcg: 400,
          newDailyDoseMcg: 580,
          percentChange: 45,
          limitPercent: 30,
          windowHours: 24,
          group: 'adults with spinal-origin spasticity',
        },
      },
    ]);
  });

  it('two +25% changes within 24 h count together (+56%)', () => {
    const input = change(625, { history: [entry(-24 * 30, 400), entry(-12, 500)] });
    const findings = titration(checkDoseChange(input, settings));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.facts).toMatchObject({ referenceDoseMcg: 400, percentChange: 56.25 });
    expect(findings[0]?.message).toMatch(/^\+56\.3% in 24 h \(400 → 625 mcg\/day\)/);
  });

  it('a change 25 h after the previous one is judged alone (+25%)', () => {
    const input = change(500, { history: [entry(-24 * 30, 320), entry(-25, 400)] });
    expect(checkDoseChange(input, settings)).toEqual([]);
  });

  it('a program that started exactly at the window start is the one in force there', () => {
    const atStart = change(500, { history: [entry(-24 * 30, 320), entry(-24, 400)] });
    expect(checkDoseChange(atStart, settings)).toEqual([]);
    const justInside = change(500, { history: [entry(-24 * 30, 320), entry(-23.9, 400)] });
    expect(titration(checkDoseChange(justInside, settings))).toHaveLength(1);
  });

  it('follows the window length from the settings', () => {
    const custom = parseClinicSettings({ titration: { windowHours: 48 } });
    const input = change(500, { history: [entry(-24 * 30, 320), entry(-25, 400)] });
    expect(titration(checkDoseChange(input, custom))).toHaveLength(1);
  });

  it('ignores programs that start at or after the new one, and takes history in any order', () => {
    const input = change(520, {
      history: [entry(5, 100), entry(0, 100), entry(-24 * 30, 400), entry(-48, 400)],
    });
    expect(checkDoseChange(input, settings)).toEqual([]);
  });

  it('child cerebral: 15% (400 → 460 passes, 461 does not); adult spinal would allow it', () => {
    expect(checkDoseChange(change(460, { patientGroup: childCerebral }), settings)).toEqual([]);
    const findings = titration(checkDoseChange(change(461, { patientGroup: childCerebral }), settings));
    expect(findings[0]?.message).toContain('exceeds the 15% limit for children;');
    expect(checkDoseChange(change(461), settings)).toEqual([]);
  });

  it('adult cerebral: 15% limit', () => {
    const findings = titration(checkDoseChange(change(470, { patientGroup: adultCerebral }), settings));
    expect(findings[0]?.message).toContain('the 15% limit for adults with cerebral-origin spasticity');
  });

  it('high doses: from 600 mcg/day more than 20% needs an override', () => {
    const high = { history: [entry(-24 * 30, 600)] };
    expect(checkDoseChange(change(720, high), settings)).toEqual([]);
    const findings = titration(checkDoseChange(change(721, high), settings));
    expect(findings[0]?.message).toBe(
      '+20.2% in 24 h (600 → 721 mcg/day) exceeds the 20% limit for adults with spinal-origin spasticity at doses of 600 mcg/day or more; a physician override with a reason is needed.',
    );
    // A rise that ends at a high dose is capped too: 599 → 750 (+25%) crosses 600 mcg/day.
    const justBelow = { history: [entry(-24 * 30, 599)] };
    expect(titration(checkDoseChange(change(750, justBelow), settings))).toHaveLength(1);
    expect(checkDoseChange(change(718, justBelow), settings)).toEqual([]);
    const lowDoses = { history: [entry(-24 * 30, 400)] };
    expect(checkDoseChange(change(520, lowDoses), settings)).toEqual([]);
  });

  it('decreases: adult spinal 20% (500 → 400 passes, 399 does not), adult cerebral 15%', () => {
    const from500 = { history: [entry(-24 * 30, 500)] };
    expect(checkDoseChange(change(400, from500), settings)).toEqual([]);
    const findings = titration(checkDoseChange(change(399, from500), settings));
    expect(findings[0]?.message).toBe(
      '−20.2% in 24 h (500 → 399 mcg/day) exceeds the 20% decrease limit for adults with spinal-origin spasticity; a physician override with a reason is needed.',
    );
    expect(checkDoseChange(change(340, { patientGroup: adultCerebral }), settings)).toEqual([]);
    expect(titration(checkDoseChange(change(339, { patientGroup: adultCerebral }), settings))).toHaveLength(
      1,
    );
  });

  it('a fall is judged against the highest dose in the window', () => {
    const input = change(300, { history: [entry(-24 * 30, 400), entry(-10, 340)] });
    expect(titration(checkDoseChange(input, settings))).toMatchObject([
      { facts: { direction: 'decrease', referenceDoseMcg: 400, percentChange: -25 } },
    ]);
  });

  it('restarting after a stop longer than the window needs an override, not a percentage', () => {
    const findings = checkDoseChange(change(300, { history: [entry(-24 * 30, 0)] }), settings);
    expect(codes(findings)).toEqual(['RESTART_AFTER_STOP']);
    expect(findings[0]?.severity).toBe('override_required');
    const afterLongStop = checkDoseChange(
      change(400, { history: [entry(-24 * 60, 400), entry(-24 * 30, 0)] }),
      settings,
    );
    expect(codes(afterLongStop)).toEqual(['RESTART_AFTER_STOP']);
  });

  it('names the stop in the site’s wall-clock time, not UTC', () => {
    // The stop took effect 30 days before 10 Jan 2027 09:00 UTC: 11 Dec 2026 09:00 UTC.
    const history = [entry(-24 * 30, 0)];
    const sydney = checkDoseChange(change(300, { history, timeZone: 'Australia/Sydney' }), settings);
    expect(sydney[0]?.message).toContain('since 11 Dec 2026 20:00;');
    const london = checkDoseChange(change(300, { history }), settings);
    expect(london[0]?.message).toContain('since 11 Dec 2026 09:00;');
    expect(london[0]?.message).not.toContain('UTC');
  });

  it('a brief stop does not reset the reference dose: 100 → 0 → 1900 is a unit slip, → 300 a titration', () => {
    const briefStop = { history: [entry(-24 * 30, 100), entry(-2, 0)] };
    expect(codes(checkDoseChange(change(1900, briefStop), settings))).toContain('LIKELY_UNIT_SLIP');
    const rise = titration(checkDoseChange(change(300, briefStop), settings));
    expect(rise).toHaveLength(1);
    expect(rise[0]?.message).toContain('+200%');
    // Back to the dose before the stop: nothing to say.
    expect(checkDoseChange(change(100, briefStop), settings)).toEqual([]);
  });
});

describe('checkDoseChange: unit slips, ceiling and a stopped pump', () => {
  it('refuses 24× the previous dose (per-day typed as per-hour) without a titration finding', () => {
    const findings = checkDoseChange(change(9600), settings);
    expect(codes(findings)).toEqual(['DOSE_ABOVE_CEILING', 'LIKELY_UNIT_SLIP']);
    expect(findings[1]).toMatchObject({ severity: 'refusal', facts: { direction: 'increase' } });
    expect(findings[1]?.message).toContain('is 24 times the previous 400 mcg/day');
  });

  it('refuses at exactly the factor (4×); just below it is a titration matter', () => {
    expect(codes(checkDoseChange(change(1600), settings))).toEqual([
      'LIKELY_UNIT_SLIP',
      'DAILY_DOSE_ABOVE_USUAL',
    ]);
    expect(codes(checkDoseChange(change(1599), settings))).toEqual([
      'TITRATION_LIMIT_EXCEEDED',
      'DAILY_DOSE_ABOVE_USUAL',
    ]);
  });

  it('a fall to a quarter or less needs an override (withdrawal)', () => {
    const findings = checkDoseChange(change(100), settings);
    expect(findings.find((finding) => finding.code === 'LIKELY_UNIT_SLIP')).toMatchObject({
      severity: 'override_required',
      facts: { direction: 'decrease', previousDoseMcg: 400 },
    });
    expect(codes(checkDoseChange(change(101), settings))).toEqual(['TITRATION_LIMIT_EXCEEDED']);
  });

  it('ceiling: 2000 mcg/day is only unusual, above it is refused; above 1000 is flagged', () => {
    const first = { history: [] };
    expect(checkDoseChange(change(1000, first), settings)).toEqual([]);
    expect(checkDoseChange(change(1000.5, first), settings)).toMatchObject([
      { code: 'DAILY_DOSE_ABOVE_USUAL', severity: 'warning' },
    ]);
    expect(codes(checkDoseChange(change(2000, first), settings))).toEqual(['DAILY_DOSE_ABOVE_USUAL']);
    expect(checkDoseChange(change(2001, first), settings)).toMatchObject([
      { code: 'DOSE_ABOVE_CEILING', severity: 'refusal' },
    ]);
  });

  it('a dose of 0 stops the pump and needs an override', () => {
    expect(checkDoseChange(change(0, { history: [] }), settings)).toMatchObject([
      { code: 'PROGRAM_STOPS_PUMP', severity: 'override_required' },
    ]);
    expect(codes(checkDoseChange(change(0), settings))).toEqual([
      'PROGRAM_STOPS_PUMP',
      'TITRATION_LIMIT_EXCEEDED',
    ]);
  });
});

describe('checkDoseChange: concentration', () => {
  it('refuses a program concentration different from the drug in the reservoir', () => {
    const findings = checkDoseChange(change(400, { newConcentrationMcgPerMl: 1000 }), settings);
    expect(findings).toMatchObject([{ code: 'CONCENTRATION_MISMATCH', severity: 'refusal' }]);
    expect(findings[0]?.message).toContain('but the drug in the reservoir is 500 mcg/mL');
  });

  it('a refill in the same step decides what will be in the reservoir', () => {
    const saved = change(400, { newConcentrationMcgPerMl: 1000, refillConcentrationMcgPerMl: 1000 });
    expect(checkDoseChange(saved, settings)).toEqual([]);
    const wrong = change(400, { newConcentrationMcgPerMl: 500, refillConcentrationMcgPerMl: 1000 });
    expect(codes(checkDoseChange(wrong, settings))).toEqual(['CONCENTRATION_MISMATCH']);
  });

  it('is skipped when the drug in the reservoir is unknown; strengths are still checked', () => {
    expect(checkDoseChange(change(400, { reservoirConcentrationMcgPerMl: null }), settings)).toEqual([]);
    const trial = change(400, { newConcentrationMcgPerMl: 50, reservoirConcentrationMcgPerMl: null });
    expect(codes(checkDoseChange(trial, settings))).toEqual(['TRIAL_CONCENTRATION']);
  });

  it('refuses invalid values instead of letting them pass', () => {
    expect(() => checkDoseChange(change(Number.NaN), settings)).toThrow(RangeError);
    expect(() => checkDoseChange(change(400, { effectiveFrom: new Date(Number.NaN) }), settings)).toThrow(
      RangeError,
    );
    expect(() => checkDoseChange(change(400, { history: [entry(-5, -1)] }), settings)).toThrow(RangeError);
  });
});

describe('decideWrite with dose-change findings', () => {
  it('a physician override lets a titration finding through, never a refusal', () => {
    const overridden = decideWrite(checkDoseChange(change(580), settings), {
      reason: 'Severe spasms, seen today',
    });
    expect(overridden.allowed).toBe(true);
    expect(overridden.findings[0]).toMatchObject({ severity: 'warning', facts: { overridden: true } });
    expect(decideWrite(checkDoseChange(change(580), settings)).allowed).toBe(false);
    expect(decideWrite(checkDoseChange(change(580), settings), { reason: '  ' }).allowed).toBe(false);

    const slip = decideWrite(checkDoseChange(change(9600), settings), { reason: 'I meant it' });
    expect(slip.allowed).toBe(false);
    expect(codes(slip.blocking)).toEqual(['DOSE_ABOVE_CEILING', 'LIKELY_UNIT_SLIP']);
    const mismatch = change(580, { newConcentrationMcgPerMl: 1000 });
    expect(decideWrite(checkDoseChange(mismatch, settings), { reason: 'urgent' }).allowed).toBe(false);
  });
});

// ─── Properties ─────────────────────────────────────────────────────────────────────────────────

const group = fc.record({
  ageGroup: fc.constantFrom('adult' as const, 'child' as const),
  origin: fc.constantFrom('spinal' as const, 'cerebral' as const),
});
const dose = fc.integer({ min: 0, max: 300_000 }).map((n) => n / 100);
const history = fc.array(
  fc
    .record({ hours: fc.integer({ min: -24 * 60, max: 24 }), dailyDoseMcg: dose })
    .map((e) => entry(e.hours, e.dailyDoseMcg)),
  { maxLength: 6 },
);
const concentration = fc.option(fc.constantFrom(50, 500, 1000, 1500, 2000), { nil: null });

/** Findings that say a rise is too large: titration (increase), unit slip (increase), ceiling, usual. */
function riseSignals(findings: readonly Finding[]) {
  const has = (code: Finding['code'], direction?: string) =>
    findings.some(
      (finding) =>
        finding.code === code && (direction === undefined || finding.facts?.['direction'] === direction),
    );
  return {
    tooFast: has('TITRATION_LIMIT_EXCEEDED', 'increase') || has('LIKELY_UNIT_SLIP', 'increase'),
    slip: has('LIKELY_UNIT_SLIP', 'increase'),
    ceiling: has('DOSE_ABOVE_CEILING'),
    aboveUsual: has('DAILY_DOSE_ABOVE_USUAL') || has('DOSE_ABOVE_CEILING'),
  };
}

describe('checkDoseChange: properties', () => {
  it('raising the new dose never removes a titration, unit-slip or ceiling finding for a rise', () => {
    fc.assert(
      fc.property(group, history, dose, dose, (patientGroup, past, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const before = riseSignals(checkDoseChange(change(low, { patientGroup, history: past }), settings));
        const after = riseSignals(checkDoseChange(change(high, { patientGroup, history: past }), settings));
        for (const key of ['tooFast', 'slip', 'ceiling', 'aboveUsual'] as const) {
          if (before[key]) expect(after[key]).toBe(true);
        }
      }),
    );
  });

  it('is total over valid inputs', () => {
    fc.assert(
      fc.property(
        group,
        history,
        dose,
        concentration,
        concentration,
        concentration,
        (g, past, d, c1, c2, c3) => {
          const input = change(d, {
            patientGroup: g,
            history: past,
            newConcentrationMcgPerMl: c1 ?? 500,
            reservoirConcentrationMcgPerMl: c2,
            refillConcentrationMcgPerMl: c3,
          });
          const findings = checkDoseChange(input, settings);
          for (const finding of findings) expect(finding.message).toMatch(/^[^\n]+[.?]$/);
        },
      ),
    );
  });
});

describe('checkDoseChange: the percentage shown', () => {
  it('never reads as the limit itself when the change is just over it', () => {
    const findings = checkDoseChange(change(130.04, { history: [entry(-24 * 30, 100)] }), settings);
    expect(findings[0]?.message).toContain('+30.04% in 24 h');
  });
});
