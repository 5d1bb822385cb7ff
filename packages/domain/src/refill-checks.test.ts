import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parseCalendarDate } from './calendar-date.ts';
import { type Finding, SEVERITY_ORDER } from './findings.ts';
import {
  checkRefill,
  concentrationStrengthFindings,
  type RefillCheckInput,
  sameConcentration,
  volumeGapThresholdMl,
} from './refill-checks.ts';
import { DEFAULT_CLINIC_SETTINGS as settings, parseClinicSettings } from './settings.ts';

const refillDate = parseCalendarDate('2027-01-10');

/** A clean "empty and fill" of a 20 mL pump with 500 mcg/mL drug matching the program. */
function refill(overrides: Partial<RefillCheckInput> = {}): RefillCheckInput {
  return {
    reservoirMl: 20,
    expectedResidualMl: 2,
    withdrawnVolumeMl: 2,
    concentrationMcgPerMl: 500,
    volumeFilledMl: 20,
    reservoirVolumeAfterMl: 20,
    programConcentrationMcgPerMl: 500,
    newProgramConcentrationMcgPerMl: null,
    drugExpiry: parseCalendarDate('2027-06-30'),
    refillDate,
    ...overrides,
  };
}

const codes = (findings: readonly Finding[]) => findings.map((finding) => finding.code);
const only = (findings: readonly Finding[], code: Finding['code']) =>
  findings.filter((finding) => finding.code === code);

describe('checkRefill: a clean refill', () => {
  it('has no findings', () => {
    expect(checkRefill(refill(), settings)).toEqual([]);
  });
});

describe('checkRefill: concentration mismatch', () => {
  it('refuses a drug whose concentration differs from the program in force', () => {
    const findings = checkRefill(refill({ concentrationMcgPerMl: 1000 }), settings);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CONCENTRATION_MISMATCH', severity: 'refusal' });
    expect(findings[0]?.message).toBe(
      'The drug filled is 1000 mcg/mL but the pump is programmed for 500 mcg/mL, a mismatch that can be fatal; a physician must record a program with 1000 mcg/mL in the same step before the refill can be recorded.',
    );
    expect(findings[0]?.facts).toMatchObject({
      filledConcentrationMcgPerMl: 1000,
      programConcentrationMcgPerMl: 500,
    });
  });

  it('is saved by a new program with that concentration recorded in the same step', () => {
    const input = refill({ concentrationMcgPerMl: 1000, newProgramConcentrationMcgPerMl: 1000 });
    expect(checkRefill(input, settings)).toEqual([]);
  });

  it('compares with the new program, not the old one, when both exist', () => {
    const input = refill({ concentrationMcgPerMl: 500, newProgramConcentrationMcgPerMl: 1000 });
    const findings = checkRefill(input, settings);
    expect(codes(findings)).toEqual(['CONCENTRATION_MISMATCH']);
    expect(findings[0]?.message).toContain('the new program recorded in this step is for 1000 mcg/mL');
  });

  it('refuses when no program is on record, unless one is recorded in the same step', () => {
    const findings = checkRefill(refill({ programConcentrationMcgPerMl: null }), settings);
    expect(findings).toMatchObject([{ code: 'CONCENTRATION_MISMATCH', severity: 'refusal' }]);
    expect(findings[0]?.message).toContain('No dose program is on record');
    const saved = refill({ programConcentrationMcgPerMl: null, newProgramConcentrationMcgPerMl: 500 });
    expect(checkRefill(saved, settings)).toEqual([]);
  });

  it('tolerates differences below half a hundredth (2-decimal storage)', () => {
    expect(sameConcentration(500, 500.004)).toBe(true);
    expect(sameConcentration(500, 500.01)).toBe(false);
    expect(checkRefill(refill({ programConcentrationMcgPerMl: 500.004 }), settings)).toEqual([]);
    expect(codes(checkRefill(refill({ programConcentrationMcgPerMl: 500.01 }), settings))).toEqual([
      'CONCENTRATION_MISMATCH',
    ]);
  });
});

describe('checkRefill: volume above capacity and expiry', () => {
  it('refuses more injected than the reservoir holds; exactly full is fine', () => {
    expect(checkRefill(refill({ volumeFilledMl: 20, reservoirVolumeAfterMl: 20 }), settings)).toEqual([]);
    const findings = checkRefill(refill({ volumeFilledMl: 20.5, reservoirVolumeAfterMl: 20 }), settings);
    expect(only(findings, 'VOLUME_ABOVE_CAPACITY')).toMatchObject([
      { severity: 'refusal', facts: { field: 'volumeFilledMl', volumeMl: 20.5, reservoirMl: 20 } },
    ]);
    expect(findings[0]?.message).toBe(
      '20.5 mL injected is more than the 20 mL reservoir can hold; check the volume before recording the refill.',
    );
  });

  it('refuses a reading after the fill above the capacity of a 40 mL pump', () => {
    const input = refill({ reservoirMl: 40, volumeFilledMl: 40, reservoirVolumeAfterMl: 41 });
    expect(only(checkRefill(input, settings), 'VOLUME_ABOVE_CAPACITY')).toMatchObject([
      { severity: 'refusal', facts: { field: 'reservoirVolumeAfterMl', volumeMl: 41, reservoirMl: 40 } },
    ]);
  });

  it('refuses drug that expired before the refill day; expiring that day is fine', () => {
    expect(checkRefill(refill({ drugExpiry: refillDate }), settings)).toEqual([]);
    expect(checkRefill(refill({ drugExpiry: null }), settings)).toEqual([]);
    const findings = checkRefill(refill({ drugExpiry: addDays(refillDate, -1) }), settings);
    expect(findings).toEqual([
      {
        code: 'DRUG_EXPIRED',
        severity: 'refusal',
        message:
          'The drug expired on 9 Jan 2027, before this refill on 10 Jan 2027; use drug within its expiry date.',
        facts: { drugExpiry: '2027-01-09', refillDate: '2027-01-10' },
      },
    ]);
  });
});

describe('volumeGapThresholdMl', () => {
  it('is 1 mL up to 20 mL reservoirs and 2 mL above, from the settings', () => {
    expect(volumeGapThresholdMl(20, settings.residual)).toBe(1);
    expect(volumeGapThresholdMl(20.5, settings.residual)).toBe(2);
    expect(volumeGapThresholdMl(40, settings.residual)).toBe(2);
    const custom = parseClinicSettings({ residual: { smallReservoirGapMl: 0.5, largeReservoirGapMl: 1.5 } });
    expect(volumeGapThresholdMl(20, custom.residual)).toBe(0.5);
    expect(volumeGapThresholdMl(40, custom.residual)).toBe(1.5);
  });
});

describe('checkRefill: residual gap', () => {
  it('20 mL pump: a gap of exactly 1 mL is not a finding, even with float noise (3.1 − 2.1)', () => {
    expect(checkRefill(refill({ withdrawnVolumeMl: 3, expectedResidualMl: 2 }), settings)).toEqual([]);
    expect(checkRefill(refill({ withdrawnVolumeMl: 3.1, expectedResidualMl: 2.1 }), settings)).toEqual([]);
  });

  it('20 mL pump: more left than expected by 1.01 mL warns of under-delivery', () => {
    const findings = checkRefill(refill({ withdrawnVolumeMl: 3.01, expectedResidualMl: 2 }), settings);
    expect(findings).toMatchObject([
      {
        code: 'RESIDUAL_GAP',
        severity: 'warning',
        facts: { gapMl: 1.01, thresholdMl: 1, direction: 'more_left_than_expected' },
      },
    ]);
    expect(findings[0]?.message).toBe(
      '3.01 mL was withdrawn but the pump expected 2 mL, a 1.01 mL gap above the 1 mL threshold for a 20 mL reservoir: more drug was left than expected, so the pump delivered less than programmed (catheter occlusion or a pump stall?); check the pump and catheter.',
    );
  });

  it('20 mL pump: less left than expected warns of over-delivery or a leak', () => {
    const findings = checkRefill(refill({ withdrawnVolumeMl: 0.5, expectedResidualMl: 2 }), settings);
    expect(findings[0]?.facts).toMatchObject({ direction: 'less_left_than_expected', gapMl: 1.5 });
    expect(findings[0]?.message).toContain('delivered more than programmed or the drug leaked');
  });

  it('40 mL pump: 2 mL is the threshold, so 1.5 and 2 mL pass and 2.01 mL warns', () => {
    const big = { reservoirMl: 40, volumeFilledMl: 40, reservoirVolumeAfterMl: 40 };
    expect(checkRefill(refill({ ...big, withdrawnVolumeMl: 3.5, expectedResidualMl: 2 }), settings)).toEqual(
      [],
    );
    expect(checkRefill(refill({ ...big, withdrawnVolumeMl: 4, expectedResidualMl: 2 }), settings)).toEqual(
      [],
    );
    const findings = checkRefill(
      refill({ ...big, withdrawnVolumeMl: 4.01, expectedResidualMl: 2 }),
      settings,
    );
    expect(codes(findings)).toEqual(['RESIDUAL_GAP']);
    expect(findings[0]?.facts).toMatchObject({ thresholdMl: 2, reservoirMl: 40 });
  });
});

describe('checkRefill: possible pocket fill', () => {
  it('20 mL pump: a reading 1 mL short passes, 1.01 mL short is critical', () => {
    expect(checkRefill(refill({ volumeFilledMl: 20, reservoirVolumeAfterMl: 19 }), settings)).toEqual([]);
    const findings = checkRefill(refill({ volumeFilledMl: 20, reservoirVolumeAfterMl: 18.99 }), settings);
    expect(findings).toMatchObject([{ code: 'POSSIBLE_POCKET_FILL', severity: 'critical' }]);
    expect(findings[0]?.message).toBe(
      'The reservoir reads 18.99 mL after 20 mL was injected, a 1.01 mL gap above the 1 mL threshold for a 20 mL reservoir: the missing drug may have been injected under the skin (pocket fill, a known cause of fatal overdose), so observe the patient for overdose now.',
    );
  });

  it('40 mL pump: a 2 mL gap passes, 2.1 mL is critical', () => {
    const big = { reservoirMl: 40, volumeFilledMl: 40 };
    expect(checkRefill(refill({ ...big, reservoirVolumeAfterMl: 38 }), settings)).toEqual([]);
    const findings = checkRefill(refill({ ...big, reservoirVolumeAfterMl: 37.9 }), settings);
    expect(codes(findings)).toEqual(['POSSIBLE_POCKET_FILL']);
    expect(findings[0]?.facts).toMatchObject({ gapMl: 2.1, thresholdMl: 2 });
  });

  it('also flags a reading above what was injected (the fill cannot be confirmed)', () => {
    const findings = checkRefill(refill({ volumeFilledMl: 15, reservoirVolumeAfterMl: 17 }), settings);
    expect(codes(findings)).toEqual(['POSSIBLE_POCKET_FILL']);
    expect(findings[0]?.message).toContain('the fill cannot be confirmed to be in the pump');
  });
});

describe('concentration strength', () => {
  it('warns about a non-standard (compounded or diluted) strength', () => {
    const input = refill({ concentrationMcgPerMl: 1500, programConcentrationMcgPerMl: 1500 });
    const findings = checkRefill(input, settings);
    expect(findings).toMatchObject([{ code: 'NON_STANDARD_CONCENTRATION', severity: 'warning' }]);
    expect(findings[0]?.message).toBe(
      '1500 mcg/mL is not a standard strength (500 mcg/mL, 1000 mcg/mL, 2000 mcg/mL), so the drug is diluted or compounded and may be more than 5% off its label; check the label and the dose.',
    );
  });

  it('warns about the trial strength instead of the non-standard one', () => {
    const input = refill({ concentrationMcgPerMl: 50, programConcentrationMcgPerMl: 50 });
    expect(checkRefill(input, settings)).toMatchObject([
      { code: 'TRIAL_CONCENTRATION', severity: 'warning' },
    ]);
  });

  it('follows the clinic settings', () => {
    const custom = parseClinicSettings({ dose: { standardConcentrationsMcgPerMl: [500, 1500] } });
    expect(concentrationStrengthFindings(1500, custom)).toEqual([]);
    expect(codes(concentrationStrengthFindings(2000, custom))).toEqual(['NON_STANDARD_CONCENTRATION']);
    expect(concentrationStrengthFindings(2000, settings)).toEqual([]);
  });
});

describe('checkRefill: several findings', () => {
  it('lists them most serious first', () => {
    const input = refill({
      concentrationMcgPerMl: 1500,
      withdrawnVolumeMl: 5,
      reservoirVolumeAfterMl: 15,
      drugExpiry: addDays(refillDate, -30),
    });
    expect(codes(checkRefill(input, settings))).toEqual([
      'CONCENTRATION_MISMATCH',
      'DRUG_EXPIRED',
      'POSSIBLE_POCKET_FILL',
      'RESIDUAL_GAP',
      'NON_STANDARD_CONCENTRATION',
    ]);
  });

  it('refuses invalid numbers instead of letting them pass', () => {
    expect(() => checkRefill(refill({ volumeFilledMl: Number.NaN }), settings)).toThrow(RangeError);
    expect(() => checkRefill(refill({ withdrawnVolumeMl: -1 }), settings)).toThrow(RangeError);
    expect(() => checkRefill(refill({ concentrationMcgPerMl: 0 }), settings)).toThrow(RangeError);
    expect(() => checkRefill(refill({ reservoirMl: 0, volumeFilledMl: 0 }), settings)).toThrow(RangeError);
  });
});

// ─── Properties ─────────────────────────────────────────────────────────────────────────────────

/** Volumes in hundredths of a mL, as the forms record them. */
const hundredths = (max: number) => fc.integer({ min: 0, max: Math.round(max * 100) }).map((n) => n / 100);
const concentration = fc.oneof(
  fc.constantFrom(50, 500, 1000, 2000),
  fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100),
);

describe('checkRefill: properties', () => {
  it('a matching concentration, volumes within capacity and gaps at most the threshold: no refusal', () => {
    const arbitrary = fc
      .record({
        reservoirMl: fc.constantFrom(20, 40),
        concentration,
        expiryOffset: fc.integer({ min: 0, max: 400 }),
      })
      .chain(({ reservoirMl, concentration, expiryOffset }) => {
        const threshold = volumeGapThresholdMl(reservoirMl, settings.residual);
        return fc.record({
          reservoirMl: fc.constant(reservoirMl),
          concentration: fc.constant(concentration),
          expiryOffset: fc.constant(expiryOffset),
          filled: hundredths(reservoirMl),
          afterGap: hundredths(2 * threshold).map((gap) => gap - threshold),
          expected: hundredths(reservoirMl),
          residualGap: hundredths(2 * threshold).map((gap) => gap - threshold),
        });
      });
    fc.assert(
      fc.property(arbitrary, (a) => {
        const after = Math.min(a.reservoirMl, Math.max(0, a.filled + a.afterGap));
        const input = refill({
          reservoirMl: a.reservoirMl,
          concentrationMcgPerMl: a.concentration,
          programConcentrationMcgPerMl: a.concentration,
          volumeFilledMl: a.filled,
          reservoirVolumeAfterMl: after,
          expectedResidualMl: a.expected,
          withdrawnVolumeMl: Math.max(0, a.expected + a.residualGap),
          drugExpiry: addDays(refillDate, a.expiryOffset),
        });
        const findings = checkRefill(input, settings);
        expect(findings.filter((finding) => finding.severity === 'refusal')).toEqual([]);
        expect(codes(findings)).not.toContain('POSSIBLE_POCKET_FILL');
        expect(codes(findings)).not.toContain('RESIDUAL_GAP');
      }),
    );
  });

  it('is total over valid inputs and returns findings sorted by severity', () => {
    const nullableConcentration = fc.option(concentration, { nil: null });
    const arbitrary = fc.record({
      reservoirMl: fc.constantFrom(10, 20, 40),
      expectedResidualMl: hundredths(60),
      withdrawnVolumeMl: hundredths(60),
      concentrationMcgPerMl: concentration,
      volumeFilledMl: hundredths(60),
      reservoirVolumeAfterMl: hundredths(60),
      programConcentrationMcgPerMl: nullableConcentration,
      newProgramConcentrationMcgPerMl: nullableConcentration,
      drugExpiry: fc.option(
        fc.integer({ min: -400, max: 400 }).map((offset) => addDays(refillDate, offset)),
        { nil: null },
      ),
      refillDate: fc.constant(refillDate),
    });
    fc.assert(
      fc.property(arbitrary, (input) => {
        const findings = checkRefill(input, settings);
        const ranks = findings.map((finding) => SEVERITY_ORDER.indexOf(finding.severity));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        for (const finding of findings) expect(finding.message).toMatch(/^[^\n]+[.?]$/);
      }),
    );
  });
});
