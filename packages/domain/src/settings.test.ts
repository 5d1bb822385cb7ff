import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { clinicSettingsSchema, DEFAULT_CLINIC_SETTINGS, parseClinicSettings } from './settings.ts';

/** The issues parseClinicSettings throws for `input` (path joined with dots); [] when it parses. */
function issues(input: unknown): { path: string; message: string; code: string }[] {
  try {
    parseClinicSettings(input);
    return [];
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    return error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
      code: issue.code,
    }));
  }
}
const paths = (input: unknown) => issues(input).map((issue) => issue.path);

describe('DEFAULT_CLINIC_SETTINGS', () => {
  it('are the domain doc’s defaults', () => {
    expect(DEFAULT_CLINIC_SETTINGS).toEqual({
      refill: {
        safetyMarginDays: 4, // "default 4 days; clinics use 3–5"
        highRiskSafetyMarginDays: 7, // PumpDesk's larger margin for high-risk patients
        drugStabilityDays: 180, // "at most 180 days"
        maxIntervalDays: 180, // "a setting, 1–6 months"
        dueSoonDays: 7,
        upcomingDays: 30,
      },
      residual: {
        smallReservoirMaxMl: 20,
        smallReservoirGapMl: 1, // "more than 1 mL (20 mL pump)"
        largeReservoirGapMl: 2, // "or 2 mL (40 mL pump)"
      },
      titration: {
        adultSpinal: { maxIncreasePercent: 30, maxDecreasePercent: 20 }, // 10–30% per 24 h
        adultCerebral: { maxIncreasePercent: 15, maxDecreasePercent: 15 }, // 5–15%
        child: { maxIncreasePercent: 15, maxDecreasePercent: 15 }, // 5–15%
        highDoseFromMcgPerDay: 600,
        highDoseMaxChangePercent: 20, // "at high doses more than 20% is too much"
        windowHours: 24,
      },
      dose: {
        unusualDailyDoseMcg: 1000, // "above 1000 mcg/day is unusual"
        ceilingDailyDoseMcg: 2000,
        unitSlipFactor: 4,
        standardConcentrationsMcgPerMl: [500, 1000, 2000],
        trialConcentrationsMcgPerMl: [50],
      },
      battery: {
        leadTimeMonths: 6, // "about 6 months before shut-off"
        eriToEndOfServiceDays: 90, // "runs 90 more days"
      },
      followUp: {
        intervalDays: 182, // "every 6 months (182 days)"
        firstReviewMinDays: 14, // "2–6 weeks after implant"
        firstReviewMaxDays: 42,
        dueSoonDays: 30,
      },
    });
  });

  it('are what parsing nothing gives', () => {
    expect(parseClinicSettings({})).toEqual(DEFAULT_CLINIC_SETTINGS);
    expect(parseClinicSettings(undefined)).toEqual(DEFAULT_CLINIC_SETTINGS);
    expect(parseClinicSettings(null)).toEqual(DEFAULT_CLINIC_SETTINGS);
    expect(parseClinicSettings({ refill: {}, dose: {} })).toEqual(DEFAULT_CLINIC_SETTINGS);
  });
});

describe('parseClinicSettings: overrides', () => {
  it('a partial override keeps every other default', () => {
    const settings = parseClinicSettings({ refill: { safetyMarginDays: 5 }, battery: { leadTimeMonths: 9 } });
    expect(settings).toEqual({
      ...DEFAULT_CLINIC_SETTINGS,
      refill: { ...DEFAULT_CLINIC_SETTINGS.refill, safetyMarginDays: 5 },
      battery: { ...DEFAULT_CLINIC_SETTINGS.battery, leadTimeMonths: 9 },
    });
  });

  it('a titration group keeps the defaults of what it leaves out, and the other groups theirs', () => {
    const settings = parseClinicSettings({
      titration: { adultSpinal: { maxIncreasePercent: 25, maxDecreasePercent: 15 } },
    });
    expect(settings.titration).toEqual({
      ...DEFAULT_CLINIC_SETTINGS.titration,
      adultSpinal: { maxIncreasePercent: 25, maxDecreasePercent: 15 },
    });
    // Half a group: the other half keeps its default.
    expect(
      parseClinicSettings({ titration: { adultSpinal: { maxIncreasePercent: 25 } } }).titration.adultSpinal,
    ).toEqual({ maxIncreasePercent: 25, maxDecreasePercent: 20 });
  });

  it('accepts the bounds of each range', () => {
    expect(
      paths({
        refill: {
          safetyMarginDays: 0,
          highRiskSafetyMarginDays: 30,
          drugStabilityDays: 1,
          maxIntervalDays: 30,
        },
        titration: { windowHours: 168, highDoseMaxChangePercent: 100 },
        battery: { leadTimeMonths: 3, eriToEndOfServiceDays: 0 },
        followUp: { firstReviewMinDays: 42, firstReviewMaxDays: 42 },
        dose: { unusualDailyDoseMcg: 1500, ceilingDailyDoseMcg: 1500, unitSlipFactor: 24 },
      }),
    ).toEqual([]);
  });
});

describe('parseClinicSettings: refused values name the field', () => {
  it.each([
    [{ refill: { safetyMarginDays: -1 } }, 'refill.safetyMarginDays'],
    [{ refill: { safetyMarginDays: 4.5 } }, 'refill.safetyMarginDays'],
    [{ refill: { highRiskSafetyMarginDays: 31 } }, 'refill.highRiskSafetyMarginDays'],
    [{ refill: { drugStabilityDays: 181 } }, 'refill.drugStabilityDays'],
    [{ refill: { drugStabilityDays: 0 } }, 'refill.drugStabilityDays'],
    [{ refill: { maxIntervalDays: 29 } }, 'refill.maxIntervalDays'],
    [{ refill: { maxIntervalDays: 181 } }, 'refill.maxIntervalDays'],
    [{ refill: { dueSoonDays: '7' } }, 'refill.dueSoonDays'],
    [{ residual: { smallReservoirGapMl: 0 } }, 'residual.smallReservoirGapMl'],
    [{ residual: { largeReservoirGapMl: 11 } }, 'residual.largeReservoirGapMl'],
    [
      { titration: { child: { maxIncreasePercent: 0, maxDecreasePercent: 10 } } },
      'titration.child.maxIncreasePercent',
    ],
    [
      { titration: { child: { maxIncreasePercent: 10, maxDecreasePercent: 101 } } },
      'titration.child.maxDecreasePercent',
    ],
    [{ titration: { windowHours: 0 } }, 'titration.windowHours'],
    [{ titration: { highDoseFromMcgPerDay: -600 } }, 'titration.highDoseFromMcgPerDay'],
    [{ dose: { unitSlipFactor: 1 } }, 'dose.unitSlipFactor'],
    [{ dose: { unitSlipFactor: 25 } }, 'dose.unitSlipFactor'],
    [{ dose: { standardConcentrationsMcgPerMl: [] } }, 'dose.standardConcentrationsMcgPerMl'],
    [{ dose: { trialConcentrationsMcgPerMl: [0] } }, 'dose.trialConcentrationsMcgPerMl.0'],
    [{ battery: { leadTimeMonths: 2 } }, 'battery.leadTimeMonths'],
    [{ battery: { eriToEndOfServiceDays: 366 } }, 'battery.eriToEndOfServiceDays'],
    [{ followUp: { intervalDays: 6 } }, 'followUp.intervalDays'],
    [{ followUp: { firstReviewMaxDays: 181 } }, 'followUp.firstReviewMaxDays'],
  ])('%j → %s', (input, path) => {
    expect(paths(input)).toEqual([path]);
  });

  it('throws a ZodError', () => {
    expect(() => parseClinicSettings({ refill: { safetyMarginDays: -1 } })).toThrow(ZodError);
    expect(() => parseClinicSettings('settings')).toThrow(ZodError);
  });

  it('refuses an unknown top-level key', () => {
    expect(issues({ refil: { safetyMarginDays: 5 } })).toEqual([
      { path: '', code: 'unrecognized_keys', message: 'Unrecognized key: "refil"' },
    ]);
  });

  // KNOWN BUG (reported, not fixed): only the top level is strict. A typo inside a group is silently
  // dropped and the default kept, which is what parseClinicSettings' comment says must not happen.
  it('refuses an unknown key inside a group (a typo would silently keep the default)', () => {
    expect(paths({ refill: { safetyMarginDay: 5 } })).toEqual(['refill']);
  });
});

describe('parseClinicSettings: the rules between fields', () => {
  it('the high-risk margin must be at least the standard margin', () => {
    expect(issues({ refill: { safetyMarginDays: 5, highRiskSafetyMarginDays: 4 } })).toEqual([
      {
        path: 'refill.highRiskSafetyMarginDays',
        code: 'custom',
        message: 'The high-risk margin must be at least the standard margin',
      },
    ]);
    expect(paths({ refill: { safetyMarginDays: 5, highRiskSafetyMarginDays: 5 } })).toEqual([]);
    // Raising the standard margin above the default high-risk margin (7) needs both.
    expect(paths({ refill: { safetyMarginDays: 8 } })).toEqual(['refill.highRiskSafetyMarginDays']);
  });

  it('"upcoming" must reach at least as far as "due soon"', () => {
    expect(issues({ refill: { dueSoonDays: 14, upcomingDays: 10 } })).toEqual([
      {
        path: 'refill.upcomingDays',
        code: 'custom',
        message: '"Upcoming" must reach at least as far as "due soon"',
      },
    ]);
    expect(paths({ refill: { dueSoonDays: 14, upcomingDays: 14 } })).toEqual([]);
  });

  it('the first review window must end after it starts', () => {
    expect(issues({ followUp: { firstReviewMinDays: 50 } })).toEqual([
      {
        path: 'followUp.firstReviewMaxDays',
        code: 'custom',
        message: 'The first review window must end after it starts',
      },
    ]);
  });

  it('the dose ceiling must be at least the "unusual dose" threshold', () => {
    expect(issues({ dose: { unusualDailyDoseMcg: 2500 } })).toEqual([
      {
        path: 'dose.ceilingDailyDoseMcg',
        code: 'custom',
        message: 'The ceiling must be at least the "unusual dose" threshold',
      },
    ]);
    expect(paths({ dose: { unusualDailyDoseMcg: 2500, ceilingDailyDoseMcg: 3000 } })).toEqual([]);
  });

  it('the schema and parseClinicSettings agree', () => {
    expect(clinicSettingsSchema.parse({})).toEqual(parseClinicSettings({}));
  });
});
