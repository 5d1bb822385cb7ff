import {
  type DoseProgramInputValues,
  doseProgramInputSchema,
  type DoseProgramRecord,
} from '@pumpdesk/contracts';
import { type DoseMode } from '@pumpdesk/domain';
import { isPlainDecimal, PLAIN_DECIMAL_RULE, parsePlainDecimal } from '../../../lib/decimal-input.ts';

// The editor's form: what the physician types, as text (a half-typed "1." must stay on screen), and
// its conversion to the API's body with the contract's own schema, so the browser judges the fields
// exactly as the API will (ranges, decimals, the mode rules of dose-program.ts).

export interface StepRow {
  /** Stable React key of the row (not sent). */
  key: string;
  /** `HH:MM` on the pump clock, as an `<input type="time">` gives it. */
  time: string;
  /** mcg/hour. */
  rate: string;
  /** ISO weekdays the step applies to; empty: every day (kept from the program in force). */
  weekdays: number[];
}

export interface BolusRow {
  key: string;
  time: string;
  /** mcg. */
  dose: string;
  /** minutes. */
  duration: string;
  weekdays: number[];
}

export interface ProgramFormValues {
  mode: DoseMode;
  concentration: string;
  continuousDose: string;
  /** Flex: the steps; periodic bolus: an optional basal rate under the boluses. */
  steps: StepRow[];
  boluses: BolusRow[];
  patientBolusOn: boolean;
  patientBolusDose: string;
  patientBolusMaxPerDay: string;
  patientBolusLockout: string;
  reason: string;
}

export const MODE_LABELS: Record<DoseMode, string> = {
  simple_continuous: 'Simple continuous',
  flex: 'Flex (steps through the day)',
  periodic_bolus: 'Periodic bolus',
};

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function minuteToTime(minute: number): string {
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** `HH:MM` to minutes after midnight; null when it is not a time of day. */
export function timeToMinute(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The form filled with the program in force (a new program usually changes one number of it). */
export function formFromProgram(
  program: DoseProgramRecord | null,
  concentrationMcgPerMl: number | null,
): ProgramFormValues {
  if (!program) {
    return {
      mode: 'simple_continuous',
      concentration: numberText(concentrationMcgPerMl),
      continuousDose: '',
      steps: [],
      boluses: [],
      patientBolusOn: false,
      patientBolusDose: '',
      patientBolusMaxPerDay: '',
      patientBolusLockout: '',
      reason: '',
    };
  }
  return {
    mode: program.mode,
    concentration: numberText(concentrationMcgPerMl ?? program.concentrationMcgPerMl),
    continuousDose: numberText(program.continuousDoseMcgPerDay),
    steps: program.steps.map((step) => ({
      key: newRowKey(),
      time: minuteToTime(step.startMinute),
      rate: String(step.rateMcgPerHour),
      weekdays: [...step.weekdays],
    })),
    boluses: program.boluses.map((bolus) => ({
      key: newRowKey(),
      time: minuteToTime(bolus.startMinute),
      dose: String(bolus.doseMcg),
      duration: String(bolus.durationMinutes),
      weekdays: [...bolus.weekdays],
    })),
    patientBolusOn: program.patientBolus !== null,
    patientBolusDose: numberText(program.patientBolus?.doseMcg),
    patientBolusMaxPerDay: numberText(program.patientBolus?.maxPerDay),
    patientBolusLockout: numberText(program.patientBolus?.lockoutMinutes),
    reason: '',
  };
}

/**
 * A typed number: the text as a number, NaN when it is empty or not a plain decimal (the schema then
 * refuses the field). A comma is never read as a decimal point: "1,200" mcg/day must not become 1.2.
 */
function parseNumber(text: string): number {
  return parsePlainDecimal(text) ?? Number.NaN;
}

/** The numbers the form has as text, each with its body path (as the schema's issues name them). */
function typedNumbers(values: ProgramFormValues): { path: string; text: string }[] {
  const typed = [{ path: 'concentrationMcgPerMl', text: values.concentration }];
  if (values.mode === 'simple_continuous') {
    typed.push({ path: 'continuousDoseMcgPerDay', text: values.continuousDose });
  } else {
    values.steps.forEach((step, index) => {
      typed.push({ path: `steps.${String(index)}.rateMcgPerHour`, text: step.rate });
    });
  }
  if (values.mode === 'periodic_bolus') {
    values.boluses.forEach((bolus, index) => {
      typed.push({ path: `boluses.${String(index)}.doseMcg`, text: bolus.dose });
      typed.push({ path: `boluses.${String(index)}.durationMinutes`, text: bolus.duration });
    });
  }
  if (values.patientBolusOn) {
    typed.push(
      { path: 'patientBolus.doseMcg', text: values.patientBolusDose },
      { path: 'patientBolus.maxPerDay', text: values.patientBolusMaxPerDay },
      { path: 'patientBolus.lockoutMinutes', text: values.patientBolusLockout },
    );
  }
  return typed;
}

/** Field errors keyed by the body's path (`steps.0.rateMcgPerHour`), as the API's `body.` paths. */
export type FieldErrors = Record<string, string>;

export type ParsedProgram =
  { ok: true; body: DoseProgramInputValues; errors: FieldErrors } | { ok: false; errors: FieldErrors };

/** The body a form gives, without the reason (checked on its own) and with no override. */
function rawBody(values: ProgramFormValues, reason: string): Record<string, unknown> {
  const flexOrBasal = values.mode === 'simple_continuous' ? [] : values.steps;
  return {
    mode: values.mode,
    concentrationMcgPerMl: parseNumber(values.concentration),
    continuousDoseMcgPerDay: values.mode === 'simple_continuous' ? parseNumber(values.continuousDose) : null,
    steps: flexOrBasal.map((step) => ({
      startMinute: timeToMinute(step.time) ?? Number.NaN,
      rateMcgPerHour: parseNumber(step.rate),
      weekdays: step.weekdays,
    })),
    boluses:
      values.mode === 'periodic_bolus'
        ? values.boluses.map((bolus) => ({
            startMinute: timeToMinute(bolus.time) ?? Number.NaN,
            doseMcg: parseNumber(bolus.dose),
            durationMinutes: bolus.duration.trim() === '' ? 0 : parseNumber(bolus.duration),
            weekdays: bolus.weekdays,
          }))
        : [],
    patientBolus: values.patientBolusOn
      ? {
          doseMcg: parseNumber(values.patientBolusDose),
          maxPerDay: parseNumber(values.patientBolusMaxPerDay),
          lockoutMinutes: parseNumber(values.patientBolusLockout),
        }
      : null,
    reason,
    titrationOverrideReason: null,
  };
}

const FRIENDLY_MESSAGES: Record<string, string> = {
  concentrationMcgPerMl: 'Enter the concentration in mcg/mL (more than 0, at most 2 decimals).',
  continuousDoseMcgPerDay: 'Enter the dose in mcg/day (0 to 100,000, at most 3 decimals).',
  rateMcgPerHour: 'Enter the rate in mcg/h (0 to 10,000, at most 4 decimals).',
  startMinute: 'Enter a time of day (HH:MM).',
  doseMcg: 'Enter a dose in mcg (more than 0, at most 3 decimals).',
  durationMinutes: 'Enter the minutes (0 to 1439).',
  maxPerDay: 'Enter a whole number from 1 to 48.',
  lockoutMinutes: 'Enter whole minutes from 0 to 1440.',
};

/** The preview judges the schedule, not the reason: a fixed text stands in until the save. */
export const PREVIEW_REASON = 'Preview of an unsaved program';

/**
 * The form judged by the contract's schema, with {@link PREVIEW_REASON} and no override (the reason and
 * the override are judged on save: {@link reasonError}, {@link overrideReasonError}).
 */
export function parseProgramForm(values: ProgramFormValues): ParsedProgram {
  const result = doseProgramInputSchema.safeParse(rawBody(values, PREVIEW_REASON));
  if (result.success) return { ok: true, body: result.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (errors[path]) continue;
    const last = String(issue.path.at(-1) ?? '');
    // The schema's own sentence for a rule ("A flex program needs at least one step", "At most 3
    // decimal places"); a plain one for a number that is missing or out of range.
    errors[path] = issue.code === 'custom' ? issue.message : (FRIENDLY_MESSAGES[last] ?? issue.message);
  }
  // Text that is not a plain decimal ("1,200", "12 mcg") is refused with the rule it breaks, not the
  // range sentence: the number may well be in range once typed plainly.
  for (const { path, text } of typedNumbers(values)) {
    if (text.trim() !== '' && !isPlainDecimal(text)) errors[path] = PLAIN_DECIMAL_RULE;
  }
  return { ok: false, errors };
}

export function reasonError(reason: string): string | null {
  if (reason.trim() === '') return 'Enter the reason for the change.';
  if (reason.trim().length > 500) return 'The reason is at most 500 characters.';
  return null;
}

export function overrideReasonError(reason: string): string | null {
  if (reason.trim() === '') return 'Enter the reason for the override.';
  if (reason.trim().length > 500) return 'The reason is at most 500 characters.';
  return null;
}
