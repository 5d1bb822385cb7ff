import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  type CalendarDate,
  compareCalendarDates,
  daysBetween,
  fromDayNumber,
  isCalendarDate,
  parseCalendarDate,
} from './calendar-date.ts';
import { assessFollowUp, type FollowUpInput, type FollowUpStatus } from './follow-up.ts';
import { DEFAULT_CLINIC_SETTINGS } from './settings.ts';

const d = parseCalendarDate;
const settings = DEFAULT_CLINIC_SETTINGS.followUp;

function input(today: string, implant: string | null, reviews: string[]): FollowUpInput {
  return {
    implantDate: implant === null ? null : d(implant),
    reviewDates: reviews.map(d),
    today: d(today),
    settings,
  };
}

/** Asserts the patient is followed (not null) and returns the assessment. */
function assess(today: string, implant: string | null, reviews: string[]) {
  const result = assessFollowUp(input(today, implant, reviews));
  if (result === null) throw new Error('expected an assessment');
  return result;
}

describe('assessFollowUp: reviewed since the implant (last review + 182 days)', () => {
  const implant = '2026-05-01';
  const reviews = ['2026-05-20', '2026-11-11'];

  it('is due 182 days after the last review', () => {
    const result = assess('2027-01-01', implant, reviews);
    expect(result.lastReview).toBe('2026-11-11');
    expect(result.nextReviewDue).toBe('2027-05-12');
    expect(result.firstReviewWindow).toBeNull();
    expect(result.status).toBe('ok');
    expect(result.findings).toEqual([]);
    expect(result.message).toBe('Review due 12 May 2027, 182 days after the last review on 11 Nov 2026.');
  });

  it.each<[string, FollowUpStatus, number]>([
    ['2027-04-11', 'ok', 31],
    ['2027-04-12', 'due_soon', 30],
    ['2027-05-11', 'due_soon', 1],
    ['2027-05-12', 'due_soon', 0],
    ['2027-05-13', 'overdue', -1],
  ])('on %s the status is %s (%i days to due)', (today, status, days) => {
    const result = assess(today, implant, reviews);
    expect(result.status).toBe(status);
    expect(result.daysUntilDue).toBe(days);
  });

  it('raises FOLLOW_UP_OVERDUE (warning) once past due', () => {
    const result = assess('2027-05-15', implant, reviews);
    expect(result.message).toBe(
      'Review overdue by 3 days: due 12 May 2027, 182 days after the last review on 11 Nov 2026.',
    );
    expect(result.findings).toEqual([
      {
        code: 'FOLLOW_UP_OVERDUE',
        severity: 'warning',
        message: result.message,
        facts: { nextReviewDue: '2027-05-12', lastReview: '2026-11-11', daysOverdue: 3 },
      },
    ]);
  });

  it('counts a review on the implant day as the review after the implant', () => {
    const result = assess('2026-06-01', '2026-05-01', ['2026-05-01']);
    expect(result.firstReviewWindow).toBeNull();
    expect(result.nextReviewDue).toBe('2026-10-30');
  });

  it('ignores future-dated reviews and the order of the list', () => {
    const result = assess('2027-01-01', implant, ['2027-03-01', '2026-11-11', '2026-05-20', '2026-08-01']);
    expect(result.lastReview).toBe('2026-11-11');
    expect(result.nextReviewDue).toBe('2027-05-12');
  });

  it('honours the clinic interval and due-soon horizon', () => {
    const clinic = { ...settings, intervalDays: 90, dueSoonDays: 0 };
    const base = { ...input('2027-02-08', implant, reviews), settings: clinic };
    expect(assessFollowUp(base)?.nextReviewDue).toBe('2027-02-09');
    expect(assessFollowUp(base)?.status).toBe('ok');
    expect(assessFollowUp({ ...base, today: d('2027-02-09') })?.status).toBe('due_soon');
  });
});

describe('assessFollowUp: first review after the implant (14–42 days)', () => {
  const implant = '2027-01-02';

  it('is due between implant + 14 and implant + 42 days', () => {
    const result = assess('2027-01-05', implant, []);
    expect(result.lastReview).toBeNull();
    expect(result.firstReviewWindow).toEqual({ opens: '2027-01-16', closes: '2027-02-13' });
    expect(result.nextReviewDue).toBe('2027-02-13');
    expect(result.status).toBe('ok');
    expect(result.message).toBe('First review after implant due between 16 Jan and 13 Feb 2027.');
  });

  it.each<[string, FollowUpStatus, number]>([
    ['2027-01-13', 'ok', 31],
    ['2027-01-14', 'due_soon', 30],
    ['2027-02-13', 'due_soon', 0],
    ['2027-02-14', 'never_reviewed', -1],
  ])('on %s the status is %s (%i days to due)', (today, status, days) => {
    const result = assess(today, implant, []);
    expect(result.status).toBe(status);
    expect(result.daysUntilDue).toBe(days);
  });

  it('raises NEVER_REVIEWED (warning) when past due with no review at all', () => {
    const result = assess('2027-02-20', implant, ['2027-03-01']); // the future-dated review does not count
    expect(result.status).toBe('never_reviewed');
    expect(result.message).toBe(
      'Never reviewed: first review after the implant on 2 Jan 2027 was due by 13 Feb 2027.',
    );
    expect(result.findings).toEqual([
      {
        code: 'NEVER_REVIEWED',
        severity: 'warning',
        message: result.message,
        facts: { nextReviewDue: '2027-02-13', lastReview: null, daysOverdue: 7 },
      },
    ]);
  });

  it('writes both years when the window spans New Year', () => {
    expect(assess('2026-12-10', '2026-12-10', []).message).toBe(
      'First review after implant due between 24 Dec 2026 and 21 Jan 2027.',
    );
  });
});

describe('assessFollowUp: replacement pump (reviewed before this implant)', () => {
  it('uses the first-review window when it closes before last review + interval', () => {
    const result = assess('2027-01-20', '2027-01-02', ['2026-11-11']);
    expect(result.lastReview).toBe('2026-11-11');
    expect(result.nextReviewDue).toBe('2027-02-13');
    expect(result.firstReviewWindow).toEqual({ opens: '2027-01-16', closes: '2027-02-13' });
    expect(result.status).toBe('due_soon');
    expect(result.message).toBe('First review after implant due between 16 Jan and 13 Feb 2027.');
  });

  it('is overdue (not never_reviewed) past the window', () => {
    const result = assess('2027-02-14', '2027-01-02', ['2026-11-11']);
    expect(result.status).toBe('overdue');
    expect(result.message).toBe(
      'First review after the implant on 2 Jan 2027 overdue by 1 day: it was due by 13 Feb 2027.',
    );
    expect(result.findings.map((f) => f.code)).toEqual(['FOLLOW_UP_OVERDUE']);
  });

  it('keeps the six-monthly date when it comes first', () => {
    const result = assess('2026-12-21', '2026-12-20', ['2026-07-01']);
    expect(result.nextReviewDue).toBe('2026-12-30');
    expect(result.firstReviewWindow).toEqual({ opens: '2027-01-03', closes: '2027-01-31' });
    expect(result.message).toBe(
      'Review due 30 Dec 2026, 182 days after the last review on 1 Jul 2026, before the first review after the implant on 20 Dec 2026 is due.',
    );
    expect(assess('2026-12-31', '2026-12-20', ['2026-07-01']).status).toBe('overdue');
  });
});

describe('assessFollowUp: no pump', () => {
  it('is not applicable with no pump and no review (future-dated reviews do not count)', () => {
    expect(assessFollowUp(input('2027-01-01', null, []))).toBeNull();
    expect(assessFollowUp(input('2027-01-01', null, ['2027-06-01']))).toBeNull();
  });

  it('follows the interval from the last review', () => {
    const result = assess('2027-01-01', null, ['2026-11-11']);
    expect(result.nextReviewDue).toBe('2027-05-12');
    expect(result.firstReviewWindow).toBeNull();
  });
});

// ─── Properties ────────────────────────────────────────────────────────────────────────────────

const RANK: Record<FollowUpStatus, number> = { ok: 0, due_soon: 1, overdue: 2, never_reviewed: 2 };
const le = (a: CalendarDate, b: CalendarDate) => compareCalendarDates(a, b) <= 0;

const arbitrarySettings = fc
  .record({
    intervalDays: fc.integer({ min: 7, max: 730 }),
    a: fc.integer({ min: 0, max: 180 }),
    b: fc.integer({ min: 1, max: 180 }),
    dueSoonDays: fc.integer({ min: 0, max: 120 }),
  })
  .map(({ intervalDays, a, b, dueSoonDays }) => ({
    intervalDays,
    firstReviewMinDays: Math.min(a, b),
    firstReviewMaxDays: Math.max(a, b),
    dueSoonDays,
  }));

const arbitraryInput = fc
  .record({
    todayDay: fc.integer({ min: -20_000, max: 60_000 }),
    implantOffset: fc.option(fc.integer({ min: -3000, max: 200 })),
    reviewOffsets: fc.array(fc.integer({ min: -3000, max: 400 }), { maxLength: 8 }),
    settings: arbitrarySettings,
  })
  .map((r): FollowUpInput => {
    const today = fromDayNumber(r.todayDay);
    return {
      today,
      implantDate: r.implantOffset === null ? null : addDays(today, r.implantOffset),
      reviewDates: r.reviewOffsets.map((offset) => addDays(today, offset)),
      settings: r.settings,
    };
  });

describe('assessFollowUp: properties', () => {
  it('is total: null only without pump and past review; otherwise valid dates and whole numbers', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const result = assessFollowUp(input);
        const past = input.reviewDates.filter((date) => le(date, input.today));
        if (result === null) {
          expect(input.implantDate === null && past.length === 0).toBe(true);
          return;
        }
        expect(isCalendarDate(result.nextReviewDue)).toBe(true);
        expect(result.daysUntilDue).toBe(daysBetween(input.today, result.nextReviewDue));
        expect(result.message).not.toMatch(/NaN|undefined|\?/);
        expect(result.findings.length).toBe(result.daysUntilDue < 0 ? 1 : 0);
        expect(result.status === 'never_reviewed').toBe(result.daysUntilDue < 0 && past.length === 0);
      }),
    );
  });

  it('last review is the latest on or before today; due ≤ last review + interval', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const result = assessFollowUp(input);
        const lastReview = result?.lastReview ?? null;
        if (result === null || lastReview === null) return;
        expect(le(lastReview, input.today)).toBe(true);
        for (const date of input.reviewDates) {
          if (le(date, input.today)) expect(le(date, lastReview)).toBe(true);
        }
        expect(le(result.nextReviewDue, addDays(lastReview, input.settings.intervalDays))).toBe(true);
      }),
    );
  });

  it('while the first review is pending, due ≤ the window close and opens ≤ closes', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const result = assessFollowUp(input);
        if (!result?.firstReviewWindow) return;
        const { opens, closes } = result.firstReviewWindow;
        expect(le(opens, closes)).toBe(true);
        expect(le(result.nextReviewDue, closes)).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the review dates', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const reversed = { ...input, reviewDates: [...input.reviewDates].reverse() };
        expect(assessFollowUp(reversed)).toEqual(assessFollowUp(input));
      }),
    );
  });

  it('the status never becomes less urgent as today moves forward (reviews on or before the first day)', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer({ min: 0, max: 1000 }), (input, step) => {
        const reviewDates = input.reviewDates.filter((date) => le(date, input.today));
        const earlier = assessFollowUp({ ...input, reviewDates });
        const later = assessFollowUp({ ...input, reviewDates, today: addDays(input.today, step) });
        if (earlier === null || later === null) {
          expect(later).toEqual(earlier);
          return;
        }
        expect(RANK[later.status]).toBeGreaterThanOrEqual(RANK[earlier.status]);
        expect(later.nextReviewDue).toBe(earlier.nextReviewDue);
      }),
    );
  });
});
