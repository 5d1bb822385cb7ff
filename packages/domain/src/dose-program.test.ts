import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appliesOn, doseProgramSchema, doseScheduleSchema, MAX_FLEX_STEPS_PER_DAY } from './dose-program.ts';
import { instantArbitrary, programInputArbitrary } from './testing/programs.ts';

const effectiveFrom = new Date('2027-01-10T09:00:00Z');

/** The issues (path joined with dots, message) of a refused input; [] when it parses. */
function issues(input: Record<string, unknown>): { path: string; message: string }[] {
  const result = doseProgramSchema.safeParse({ effectiveFrom, concentrationMcgPerMl: 500, ...input });
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function paths(input: Record<string, unknown>): string[] {
  return issues(input).map((issue) => issue.path);
}

const step = (startMinute: number, rateMcgPerHour = 10, weekdays: number[] = []) => ({
  startMinute,
  rateMcgPerHour,
  weekdays,
});

describe('doseProgramSchema: defaults', () => {
  it('fills steps, boluses, patient bolus and the absent dose per day', () => {
    const program = doseProgramSchema.parse({
      effectiveFrom,
      concentrationMcgPerMl: 500,
      mode: 'simple_continuous',
      continuousDoseMcgPerDay: 300,
    });
    expect(program).toEqual({
      effectiveFrom,
      concentrationMcgPerMl: 500,
      mode: 'simple_continuous',
      continuousDoseMcgPerDay: 300,
      steps: [],
      boluses: [],
      patientBolus: null,
    });
  });

  it('fills a step or bolus weekday list (every day) and a bolus duration of 0', () => {
    const program = doseProgramSchema.parse({
      effectiveFrom,
      concentrationMcgPerMl: 500,
      mode: 'periodic_bolus',
      steps: [{ startMinute: 0, rateMcgPerHour: 5 }],
      boluses: [{ startMinute: 480, doseMcg: 50 }],
    });
    expect(program.continuousDoseMcgPerDay).toBeNull();
    expect(program.steps).toEqual([{ startMinute: 0, rateMcgPerHour: 5, weekdays: [] }]);
    expect(program.boluses).toEqual([{ startMinute: 480, doseMcg: 50, durationMinutes: 0, weekdays: [] }]);
  });
});

describe('doseProgramSchema: the rules of each mode name the field', () => {
  it('simple continuous needs a dose per day, and has neither steps nor boluses', () => {
    expect(issues({ mode: 'simple_continuous' })).toEqual([
      { path: 'continuousDoseMcgPerDay', message: 'A simple continuous program needs a dose per day' },
    ]);
    expect(paths({ mode: 'simple_continuous', continuousDoseMcgPerDay: 300, steps: [step(0)] })).toEqual([
      'steps',
    ]);
    expect(
      paths({
        mode: 'simple_continuous',
        continuousDoseMcgPerDay: 300,
        boluses: [{ startMinute: 0, doseMcg: 10 }],
      }),
    ).toEqual(['boluses']);
    expect(paths({ mode: 'simple_continuous', continuousDoseMcgPerDay: 0 })).toEqual([]);
  });

  it('flex needs a step, has no boluses and no dose per day', () => {
    expect(issues({ mode: 'flex' })).toEqual([
      { path: 'steps', message: 'A flex program needs at least one step' },
    ]);
    expect(paths({ mode: 'flex', steps: [step(0)], boluses: [{ startMinute: 0, doseMcg: 10 }] })).toEqual([
      'boluses',
    ]);
    expect(issues({ mode: 'flex', steps: [step(0)], continuousDoseMcgPerDay: 300 })).toEqual([
      { path: 'continuousDoseMcgPerDay', message: 'Only a simple continuous program has a dose per day' },
    ]);
    expect(paths({ mode: 'flex', steps: [step(0)] })).toEqual([]);
  });

  it('periodic bolus needs a bolus, may have basal steps, has no dose per day', () => {
    expect(issues({ mode: 'periodic_bolus' })).toEqual([
      { path: 'boluses', message: 'A periodic bolus program needs at least one bolus' },
    ]);
    const boluses = [{ startMinute: 480, doseMcg: 50 }];
    expect(paths({ mode: 'periodic_bolus', boluses, steps: [step(0, 5)] })).toEqual([]);
    expect(paths({ mode: 'periodic_bolus', boluses, continuousDoseMcgPerDay: 10 })).toEqual([
      'continuousDoseMcgPerDay',
    ]);
  });

  it('refuses an unknown mode', () => {
    expect(paths({ mode: 'bolus', continuousDoseMcgPerDay: 300 })).toEqual(['mode']);
  });
});

describe('doseProgramSchema: field ranges', () => {
  const flex = (s: Record<string, unknown>) => paths({ mode: 'flex', steps: [s] });
  const periodic = (b: Record<string, unknown>) => paths({ mode: 'periodic_bolus', boluses: [b] });

  it('a step starts at a whole minute of the day, 0–1439', () => {
    expect(flex(step(1439))).toEqual([]);
    expect(flex(step(1440))).toEqual(['steps.0.startMinute']);
    expect(flex(step(-1))).toEqual(['steps.0.startMinute']);
    expect(flex(step(1.5))).toEqual(['steps.0.startMinute']);
  });

  it('a step rate is 0–10 000 mcg/h', () => {
    expect(flex(step(0, 0))).toEqual([]);
    expect(flex(step(0, 10_000))).toEqual([]);
    expect(flex(step(0, -0.1))).toEqual(['steps.0.rateMcgPerHour']);
    expect(flex(step(0, 10_000.5))).toEqual(['steps.0.rateMcgPerHour']);
    expect(flex(step(0, Number.NaN))).toEqual(['steps.0.rateMcgPerHour']);
  });

  it('weekdays are ISO 1–7, each at most once', () => {
    expect(flex(step(0, 10, [1, 7]))).toEqual([]);
    expect(flex(step(0, 10, [0]))).toEqual(['steps.0.weekdays.0']);
    expect(flex(step(0, 10, [1, 8]))).toEqual(['steps.0.weekdays.1']);
    expect(flex(step(0, 10, [2.5]))).toEqual(['steps.0.weekdays.0']);
    expect(issues({ mode: 'flex', steps: [step(0, 10, [3, 3])] })).toEqual([
      { path: 'steps.0.weekdays', message: 'A weekday is listed twice' },
    ]);
    expect(periodic({ startMinute: 0, doseMcg: 5, weekdays: [6, 6] })).toEqual(['boluses.0.weekdays']);
  });

  it('a bolus has a positive dose and a duration of 0–1439 whole minutes', () => {
    expect(periodic({ startMinute: 0, doseMcg: 0 })).toEqual(['boluses.0.doseMcg']);
    expect(periodic({ startMinute: 0, doseMcg: 10_001 })).toEqual(['boluses.0.doseMcg']);
    expect(periodic({ startMinute: 0, doseMcg: 5, durationMinutes: 1440 })).toEqual([
      'boluses.0.durationMinutes',
    ]);
    expect(periodic({ startMinute: 0, doseMcg: 5, durationMinutes: -1 })).toEqual([
      'boluses.0.durationMinutes',
    ]);
    expect(periodic({ startMinute: 1440, doseMcg: 5 })).toEqual(['boluses.0.startMinute']);
    expect(periodic({ startMinute: 1439, doseMcg: 5, durationMinutes: 1439 })).toEqual([]);
  });

  it('patient boluses: positive dose, 1–48 a day, lockout 0–1440 minutes', () => {
    const patient = (patientBolus: Record<string, unknown>) =>
      paths({ mode: 'simple_continuous', continuousDoseMcgPerDay: 300, patientBolus });
    expect(patient({ doseMcg: 25, maxPerDay: 4, lockoutMinutes: 120 })).toEqual([]);
    expect(patient({ doseMcg: 0, maxPerDay: 4, lockoutMinutes: 120 })).toEqual(['patientBolus.doseMcg']);
    expect(patient({ doseMcg: 25, maxPerDay: 0, lockoutMinutes: 120 })).toEqual(['patientBolus.maxPerDay']);
    expect(patient({ doseMcg: 25, maxPerDay: 49, lockoutMinutes: 120 })).toEqual(['patientBolus.maxPerDay']);
    expect(patient({ doseMcg: 25, maxPerDay: 4, lockoutMinutes: 1441 })).toEqual([
      'patientBolus.lockoutMinutes',
    ]);
  });

  it('concentration is positive, dose per day 0–100 000, effectiveFrom a valid Date', () => {
    const simple = { mode: 'simple_continuous', continuousDoseMcgPerDay: 300 };
    expect(paths({ ...simple, concentrationMcgPerMl: 0 })).toEqual(['concentrationMcgPerMl']);
    expect(paths({ ...simple, concentrationMcgPerMl: -500 })).toEqual(['concentrationMcgPerMl']);
    expect(paths({ ...simple, continuousDoseMcgPerDay: -1 })).toEqual(['continuousDoseMcgPerDay']);
    expect(paths({ ...simple, continuousDoseMcgPerDay: 100_001 })).toEqual(['continuousDoseMcgPerDay']);
    expect(paths({ ...simple, effectiveFrom: new Date(Number.NaN) })).toEqual(['effectiveFrom']);
    expect(paths({ ...simple, effectiveFrom: '2027-01-10' })).toEqual(['effectiveFrom']);
  });
});

describe('doseProgramSchema: flex steps per weekday', () => {
  it('refuses two steps starting at the same minute of the same weekday', () => {
    expect(issues({ mode: 'flex', steps: [step(480, 10, [1, 2]), step(480, 20, [2])] })).toEqual([
      { path: 'steps', message: 'Two steps start at the same time (minute 480) on weekday 2' },
    ]);
    expect(issues({ mode: 'flex', steps: [step(480), step(480, 20)] })).toEqual([
      { path: 'steps', message: 'Two steps start at the same time (minute 480) on weekday 1' },
    ]);
    // An every-day step clashes with a Sunday-only one at the same minute.
    expect(paths({ mode: 'flex', steps: [step(60), step(60, 20, [7])] })).toEqual(['steps']);
  });

  it('accepts the same minute on different weekdays', () => {
    expect(paths({ mode: 'flex', steps: [step(480, 10, [1, 3]), step(480, 20, [2, 4])] })).toEqual([]);
  });

  it('accepts 13 steps in a day and refuses 14', () => {
    const thirteen = Array.from({ length: MAX_FLEX_STEPS_PER_DAY }, (_, i) => step(i * 60));
    expect(MAX_FLEX_STEPS_PER_DAY).toBe(13);
    expect(paths({ mode: 'flex', steps: thirteen })).toEqual([]);
    expect(issues({ mode: 'flex', steps: [...thirteen, step(1000)] })).toEqual([
      { path: 'steps', message: 'More than 13 steps on weekday 1' },
    ]);
  });

  it('counts every-day steps with a weekday’s own steps', () => {
    const everyDay = Array.from({ length: 13 }, (_, i) => step(i * 60));
    expect(issues({ mode: 'flex', steps: [...everyDay, step(1000, 10, [3])] })).toEqual([
      { path: 'steps', message: 'More than 13 steps on weekday 3' },
    ]);
  });

  it('accepts 13 steps on each of several weekdays (more than 13 in all)', () => {
    const monday = Array.from({ length: 13 }, (_, i) => step(i * 60, 10, [1]));
    const tuesday = Array.from({ length: 13 }, (_, i) => step(i * 60 + 30, 10, [2]));
    expect(paths({ mode: 'flex', steps: [...monday, ...tuesday] })).toEqual([]);
  });
});

describe('doseScheduleSchema', () => {
  it('applies the same mode rules without the drug and date', () => {
    expect(doseScheduleSchema.safeParse({ mode: 'flex', steps: [step(0)] }).success).toBe(true);
    const refused = doseScheduleSchema.safeParse({ mode: 'flex' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path)).toEqual([['steps']]);
  });
});

describe('appliesOn', () => {
  it('an empty weekday list means every day', () => {
    expect([1, 2, 3, 4, 5, 6, 7].every((day) => appliesOn({ weekdays: [] }, day))).toBe(true);
    expect(appliesOn({ weekdays: [1, 5] }, 5)).toBe(true);
    expect(appliesOn({ weekdays: [1, 5] }, 6)).toBe(false);
  });
});

describe('the shared program arbitraries', () => {
  it('only generate inputs the schema accepts', () => {
    fc.assert(
      fc.property(programInputArbitrary(instantArbitrary), (input) => {
        const result = doseProgramSchema.safeParse(input);
        expect(result.error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
