import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessBattery, type BatteryInput, type BatteryStatus } from './battery.ts';
import {
  addDays,
  type CalendarDate,
  compareCalendarDates,
  fromDayNumber,
  isCalendarDate,
  parseCalendarDate,
} from './calendar-date.ts';
import { DEFAULT_CLINIC_SETTINGS } from './settings.ts';

const d = parseCalendarDate;
const settings = DEFAULT_CLINIC_SETTINGS.battery;

/** SynchroMed II (5–7 years) implanted 15 Mar 2020, default settings; override what a test needs. */
function synchroMed(today: string, overrides: Partial<BatteryInput> = {}): BatteryInput {
  return {
    implantDate: d('2020-03-15'),
    batteryLifeMinYears: 5,
    batteryLifeMaxYears: 7,
    eriToEndOfServiceDays: 90,
    eriReportedDate: null,
    today: d(today),
    settings,
    ...overrides,
  };
}

describe('assessBattery: SynchroMed II 5–7 years, implanted 15 Mar 2020, 6-month lead time', () => {
  it('computes the window, the estimated end and the recommended date', () => {
    const result = assessBattery(synchroMed('2023-01-01'));
    expect(result.windowStart).toBe('2025-03-15');
    expect(result.estimatedEnd).toBe('2027-03-15');
    expect(result.recommendedReplacement).toBe('2026-09-15');
    expect(result.endOfService).toBeNull();
    expect(result.status).toBe('ok');
    expect(result.findings).toEqual([]);
    expect(result.message).toBe(
      'Battery replacement window opens 15 Mar 2025; replace by 15 Sep 2026 (6 months before the estimated end of life on 15 Mar 2027).',
    );
  });

  it.each<[string, BatteryStatus, number]>([
    ['2024-09-14', 'ok', 731],
    ['2024-09-15', 'approaching', 730],
    ['2024-09-16', 'approaching', 729],
    ['2025-03-14', 'approaching', 550],
    ['2025-03-15', 'in_window', 549],
    ['2025-03-16', 'in_window', 548],
    ['2026-09-14', 'in_window', 1],
    ['2026-09-15', 'in_window', 0],
    ['2026-09-16', 'replacement_overdue', -1],
    ['2027-03-16', 'replacement_overdue', -182],
  ])('on %s the status is %s, %i days to the recommended date', (today, status, days) => {
    const result = assessBattery(synchroMed(today));
    expect(result.status).toBe(status);
    expect(result.daysToRecommended).toBe(days);
    expect(result.findings.length).toBe(status === 'replacement_overdue' ? 1 : 0);
  });

  it('says the window opened while in it', () => {
    expect(assessBattery(synchroMed('2025-06-01')).message).toBe(
      'Battery replacement window opened 15 Mar 2025; replace by 15 Sep 2026 (6 months before the estimated end of life on 15 Mar 2027).',
    );
  });

  it('raises a critical BATTERY_REPLACEMENT_OVERDUE finding the day after the recommended date', () => {
    const result = assessBattery(synchroMed('2026-09-16'));
    expect(result.message).toBe(
      'Battery replacement overdue by 1 day: it was due by 15 Sep 2026 (6 months before the estimated end of life on 15 Mar 2027).',
    );
    expect(result.findings).toEqual([
      {
        code: 'BATTERY_REPLACEMENT_OVERDUE',
        severity: 'critical',
        message: result.message,
        facts: {
          recommendedReplacement: '2026-09-15',
          estimatedEnd: '2027-03-15',
          daysPastRecommended: 1,
          leadTimeMonths: 6,
          pastEstimatedEnd: false,
        },
      },
    ]);
  });

  it('moves every threshold with the lead time: 3 months vs 12 months', () => {
    const three = { ...settings, leadTimeMonths: 3 };
    const twelve = { ...settings, leadTimeMonths: 12 };
    expect(assessBattery(synchroMed('2024-12-14', { settings: three })).status).toBe('ok');
    expect(assessBattery(synchroMed('2024-12-15', { settings: three })).status).toBe('approaching');
    expect(assessBattery(synchroMed('2026-12-15', { settings: three })).recommendedReplacement).toBe(
      '2026-12-15',
    );
    expect(assessBattery(synchroMed('2026-12-16', { settings: three })).status).toBe('replacement_overdue');
    expect(assessBattery(synchroMed('2024-03-14', { settings: twelve })).status).toBe('ok');
    expect(assessBattery(synchroMed('2024-03-15', { settings: twelve })).status).toBe('approaching');
    const late = assessBattery(synchroMed('2026-03-16', { settings: twelve }));
    expect(late.recommendedReplacement).toBe('2026-03-15');
    expect(late.status).toBe('replacement_overdue');
    expect(late.message).toContain('(12 months before the estimated end of life on 15 Mar 2027)');
  });
});

describe('assessBattery: other models and narrow ranges', () => {
  it('Prometra II (10 years, no range): the window is skipped, approaching starts a lead time before the recommended date', () => {
    const prometra = (today: string) =>
      assessBattery(synchroMed(today, { batteryLifeMinYears: 10, batteryLifeMaxYears: 10 }));
    expect(prometra('2029-03-14').status).toBe('ok');
    expect(prometra('2029-03-15').status).toBe('approaching');
    expect(prometra('2029-09-15').recommendedReplacement).toBe('2029-09-15');
    expect(prometra('2029-09-15').message).toBe(
      'Replace the battery by 15 Sep 2029 (6 months before the estimated end of life on 15 Mar 2030), before the replacement window would open on 15 Mar 2030.',
    );
    expect(prometra('2029-09-16').status).toBe('replacement_overdue');
    expect(prometra('2030-03-15').status).toBe('replacement_overdue');
  });

  it('Medstream (about 8 years) with a 7–8 year range', () => {
    const result = assessBattery(
      synchroMed('2027-01-01', { batteryLifeMinYears: 7, batteryLifeMaxYears: 8 }),
    );
    expect(result.windowStart).toBe('2027-03-15');
    expect(result.estimatedEnd).toBe('2028-03-15');
    expect(result.recommendedReplacement).toBe('2027-09-15');
    expect(result.status).toBe('approaching');
  });

  it('rounds fractional years to whole months (5.5 years = 66 months)', () => {
    const result = assessBattery(
      synchroMed('2021-01-01', { batteryLifeMinYears: 5.5, batteryLifeMaxYears: 6.75 }),
    );
    expect(result.windowStart).toBe('2025-09-15');
    expect(result.estimatedEnd).toBe('2026-12-15');
  });

  it('never recommends a date before the implant when the lead time exceeds the battery life', () => {
    const result = assessBattery(
      synchroMed('2020-03-15', {
        batteryLifeMinYears: 0.5,
        batteryLifeMaxYears: 1,
        settings: { ...settings, leadTimeMonths: 24 },
      }),
    );
    expect(result.recommendedReplacement).toBe('2020-03-15');
    expect(result.status).toBe('approaching');
    expect(result.message).toContain(
      '(the implant date: the 24-month lead time is longer than the battery life',
    );
  });
});

describe('assessBattery: month ends clamp (addMonths)', () => {
  it('31 Aug + 7.5 years lands on 28 Feb, and 6 months before that is 28 Aug, not 31 Aug', () => {
    const result = assessBattery(
      synchroMed('2025-01-01', { implantDate: d('2023-08-31'), batteryLifeMaxYears: 7.5 }),
    );
    expect(result.windowStart).toBe('2028-08-31');
    expect(result.estimatedEnd).toBe('2031-02-28');
    expect(result.recommendedReplacement).toBe('2030-08-28');
  });

  it('29 Feb + 5 years is 28 Feb', () => {
    const result = assessBattery(synchroMed('2021-01-01', { implantDate: d('2020-02-29') }));
    expect(result.windowStart).toBe('2025-02-28');
    expect(result.estimatedEnd).toBe('2027-02-28');
    expect(result.recommendedReplacement).toBe('2026-08-28');
  });
});

describe('assessBattery: ERI reported', () => {
  it('is critical, recommends the ERI date and counts down to end of service (ERI + 90 days)', () => {
    const result = assessBattery(synchroMed('2025-01-20', { eriReportedDate: d('2025-01-10') }));
    expect(result.status).toBe('eri_reported');
    expect(result.endOfService).toBe('2025-04-10');
    expect(result.recommendedReplacement).toBe('2025-01-10');
    expect(result.daysToRecommended).toBe(-10);
    expect(result.message).toBe(
      'Elective replacement indicator (ERI) reported on 10 Jan 2025: the pump stops at end of service on 10 Apr 2025 (80 days left); replace it as soon as possible.',
    );
    expect(result.findings).toEqual([
      {
        code: 'ERI_REPORTED',
        severity: 'critical',
        message: result.message,
        facts: {
          eriReportedDate: '2025-01-10',
          endOfService: '2025-04-10',
          eriToEndOfServiceDays: 90,
          daysToEndOfService: 80,
        },
      },
    ]);
  });

  it("uses the model's figure (60 days), else the clinic setting", () => {
    const eri = { eriReportedDate: d('2025-01-10') };
    expect(assessBattery(synchroMed('2025-01-20', { ...eri, eriToEndOfServiceDays: 60 })).endOfService).toBe(
      '2025-03-11',
    );
    expect(
      assessBattery(synchroMed('2025-01-20', { ...eri, eriToEndOfServiceDays: null })).endOfService,
    ).toBe('2025-04-10');
    const clinic = { ...settings, eriToEndOfServiceDays: 120 };
    const result = assessBattery(
      synchroMed('2025-01-20', { ...eri, eriToEndOfServiceDays: null, settings: clinic }),
    );
    expect(result.endOfService).toBe('2025-05-10');
  });

  it('overrides an estimate that says ok (pumps made before Aug 2011 can show early ERI)', () => {
    const result = assessBattery(synchroMed('2021-06-02', { eriReportedDate: d('2021-06-01') }));
    expect(result.status).toBe('eri_reported');
    expect(result.findings[0]?.severity).toBe('critical');
  });

  it('says the pump stops today, then that it stopped', () => {
    const eri = { eriReportedDate: d('2025-01-10') };
    expect(assessBattery(synchroMed('2025-04-10', eri)).message).toBe(
      'Elective replacement indicator (ERI) reported on 10 Jan 2025: the pump stops at end of service today, 10 Apr 2025; replace it now.',
    );
    expect(assessBattery(synchroMed('2025-04-12', eri)).message).toBe(
      'Elective replacement indicator (ERI) reported on 10 Jan 2025: the pump stopped on 10 Apr 2025 (end of service, 2 days ago); replace it now.',
    );
  });
});

describe('assessBattery: invalid input', () => {
  it.each<[string, Partial<BatteryInput>]>([
    ['min 0', { batteryLifeMinYears: 0 }],
    ['min > max', { batteryLifeMinYears: 8, batteryLifeMaxYears: 7 }],
    ['NaN', { batteryLifeMaxYears: Number.NaN }],
    ['fractional ERI days', { eriToEndOfServiceDays: 1.5 }],
    ['negative ERI days', { eriToEndOfServiceDays: -1 }],
  ])('throws a RangeError for %s', (_label, overrides) => {
    expect(() => assessBattery(synchroMed('2024-01-01', overrides))).toThrow(RangeError);
  });
});

describe('assessBattery: past the estimated end of life', () => {
  it('says the pump may stop at any time once the longest battery life has passed', () => {
    const onTheDay = assessBattery(synchroMed('2027-03-15'));
    expect(onTheDay.pastEstimatedEnd).toBe(false);
    const after = assessBattery(synchroMed('2027-03-16'));
    expect(after.status).toBe('replacement_overdue');
    expect(after.pastEstimatedEnd).toBe(true);
    expect(after.message).toBe(
      "Battery past its estimated end of life on 15 Mar 2027 (the maker's longest life): the pump may stop at any time; interrogate it and replace it now.",
    );
    expect(after.findings[0]).toMatchObject({ code: 'BATTERY_REPLACEMENT_OVERDUE', severity: 'critical' });
  });
});

describe('assessBattery: an ERI dated before the implant', () => {
  it('is still reported (loudly), not dropped or thrown', () => {
    const result = assessBattery(synchroMed('2024-01-01', { eriReportedDate: d('2019-12-31') }));
    expect(result.status).toBe('eri_reported');
    expect(result.findings.map((finding) => finding.code)).toEqual(['ERI_REPORTED']);
  });
});

// ─── Properties ────────────────────────────────────────────────────────────────────────────────

const RANK: Record<Exclude<BatteryStatus, 'eri_reported'>, number> = {
  ok: 0,
  approaching: 1,
  in_window: 2,
  replacement_overdue: 3,
};

const years = fc.double({ min: 0.5, max: 15, noNaN: true, minExcluded: true });
const arbitraryInput = fc
  .record({
    implantDay: fc.integer({ min: -20_000, max: 60_000 }), // 1915–2134
    lifeA: years,
    lifeB: years,
    eriDays: fc.option(fc.integer({ min: 0, max: 365 })),
    eriOffset: fc.option(fc.integer({ min: 0, max: 6000 })),
    todayOffset: fc.integer({ min: -2000, max: 9000 }),
    leadTimeMonths: fc.integer({ min: 3, max: 24 }),
    settingsEriDays: fc.integer({ min: 0, max: 365 }),
  })
  .map((r): BatteryInput => {
    const implantDate = fromDayNumber(r.implantDay);
    return {
      implantDate,
      batteryLifeMinYears: Math.min(r.lifeA, r.lifeB),
      batteryLifeMaxYears: Math.max(r.lifeA, r.lifeB),
      eriToEndOfServiceDays: r.eriDays,
      eriReportedDate: r.eriOffset === null ? null : addDays(implantDate, r.eriOffset),
      today: addDays(implantDate, r.todayOffset),
      settings: { leadTimeMonths: r.leadTimeMonths, eriToEndOfServiceDays: r.settingsEriDays },
    };
  });

const le = (a: CalendarDate, b: CalendarDate) => compareCalendarDates(a, b) <= 0;

describe('assessBattery: properties', () => {
  it('implant ≤ window start ≤ estimated end; without ERI implant ≤ recommended ≤ estimated end', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const result = assessBattery(input);
        expect(le(input.implantDate, result.windowStart)).toBe(true);
        expect(le(result.windowStart, result.estimatedEnd)).toBe(true);
        if (input.eriReportedDate === null) {
          expect(le(input.implantDate, result.recommendedReplacement)).toBe(true);
          expect(le(result.recommendedReplacement, result.estimatedEnd)).toBe(true);
          expect(result.endOfService).toBeNull();
        }
      }),
    );
  });

  it('with ERI: eri_reported, critical, and recommended = ERI ≤ end of service', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        fc.pre(input.eriReportedDate !== null);
        const result = assessBattery(input);
        expect(result.status).toBe('eri_reported');
        expect(result.recommendedReplacement).toBe(input.eriReportedDate);
        expect(result.endOfService).not.toBeNull();
        expect(le(result.recommendedReplacement, result.endOfService ?? result.recommendedReplacement)).toBe(
          true,
        );
        expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['ERI_REPORTED', 'critical']]);
      }),
    );
  });

  it('the status never becomes less urgent as today moves forward', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer({ min: 0, max: 5000 }), (input, step) => {
        const base = { ...input, eriReportedDate: null };
        const earlier = assessBattery(base).status;
        const later = assessBattery({ ...base, today: addDays(input.today, step) }).status;
        if (earlier === 'eri_reported' || later === 'eri_reported') throw new Error('no ERI given');
        expect(RANK[later]).toBeGreaterThanOrEqual(RANK[earlier]);
      }),
    );
  });

  it('never throws and never yields NaN or an invalid date for valid input', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const result = assessBattery(input);
        expect(Number.isInteger(result.daysToRecommended)).toBe(true);
        for (const date of [result.windowStart, result.estimatedEnd, result.recommendedReplacement]) {
          expect(isCalendarDate(date)).toBe(true);
        }
        expect(result.message).not.toMatch(/NaN|undefined|\?/);
        expect(result.findings.length).toBe(
          result.status === 'replacement_overdue' || result.status === 'eri_reported' ? 1 : 0,
        );
      }),
    );
  });
});
