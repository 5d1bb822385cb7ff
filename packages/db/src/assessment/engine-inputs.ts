import {
  type AppointmentSlot,
  type CalendarDate,
  type ClinicSettings,
  type DoseMode,
  type DoseProgram,
  doseProgramSchema,
  type ImplantedPumpFacts,
  type InterrogatedBatteryStatus,
  type InterrogationFacts,
  isReviewVisit,
  type PatientAssessmentInput,
  parseCalendarDate,
  type PumpAlarmCode,
  type PumpModelFacts,
  type RefillPoint,
  toCalendarDate,
  type WithdrawalRiskFactors,
  inRecordedOrder,
} from '@pumpdesk/domain';

// Database rows → the scheduling engine's inputs (packages/domain, assessPatient). Pure mappers, shared
// by the API's repositories and the demo generator, so a column is read one way everywhere.
//
// The row types are structural and as loose as the database layer's own shapes: a row read by Prisma
// (Decimal objects, Dates) and a row about to be written (`CreateManyInput`: decimals as strings or
// numbers, timestamps as Date or ISO text, defaulted columns left out) are both accepted. Anything the
// engine cannot trust fails loudly: an invalid program throws the domain schema's ZodError, a `@db.Date`
// value with a time of day or an unreadable instant throws a RangeError.

/**
 * A decimal column: a number, decimal text, a Prisma.Decimal (`toNumber`), or any Decimal.js-like value
 * Prisma accepts on writes (`toFixed`).
 */
export type DecimalValue = number | string | { toNumber(): number } | { toFixed(): string };
/** A timestamp column: a Date, or ISO 8601 text. */
export type InstantValue = Date | string;
/** A `@db.Date` column: a Date at UTC midnight (how Prisma returns it), `YYYY-MM-DD` or ISO text at UTC midnight. */
export type DateColumnValue = Date | string;
/** An `Int[]` weekday column, as read, or as Prisma's write form `{ set: [...] }`. */
export type WeekdaysValue = readonly number[] | { set: readonly number[] } | null | undefined;

export interface DoseProgramRow {
  /** Breaks ties between programs with the same `effectiveFrom`, with `createdAt` (uuid v7: time-ordered). */
  id?: string;
  createdAt?: InstantValue;
  effectiveFrom: InstantValue;
  concentrationMcgPerMl: DecimalValue;
  mode: DoseMode;
  continuousDoseMcgPerDay?: DecimalValue | null;
  ptmBolusDoseMcg?: DecimalValue | null;
  ptmMaxPerDay?: number | null;
  ptmLockoutMinutes?: number | null;
}

export interface DoseProgramStepRow {
  startMinute: number;
  rateMcgPerHour: DecimalValue;
  weekdays?: WeekdaysValue;
}

export interface DoseProgramBolusRow {
  startMinute: number;
  doseMcg: DecimalValue;
  durationMinutes?: number | null;
  weekdays?: WeekdaysValue;
}

/** A program row with its steps and boluses (Prisma: `include: { steps: true, boluses: true }`). */
export interface DoseProgramWithScheduleRow extends DoseProgramRow {
  steps: readonly DoseProgramStepRow[];
  boluses: readonly DoseProgramBolusRow[];
}

export interface PumpModelRow {
  reservoirMl: DecimalValue;
  defaultAlarmVolumeMl: DecimalValue;
  batteryLifeMinYears: DecimalValue;
  batteryLifeMaxYears: DecimalValue;
  eriToEndOfServiceDays?: number | null;
}

export interface PumpRow {
  implantDate: DateColumnValue;
  alarmVolumeOverrideMl?: DecimalValue | null;
  eriReportedDate?: DateColumnValue | null;
}

export interface RefillRow {
  performedAt: InstantValue;
  reservoirVolumeAfterMl: DecimalValue;
}

export interface InterrogationRow {
  interrogatedAt: InstantValue;
  batteryStatus: InterrogatedBatteryStatus;
  /** Left out on a row about to be written: the column's default, none. */
  alarms?: readonly PumpAlarmCode[] | { set: readonly PumpAlarmCode[] };
}

export interface FollowUpVisitRow {
  visitDate: DateColumnValue;
  type: Parameters<typeof isReviewVisit>[0];
}

export interface AppointmentRow {
  kind: AppointmentSlot['kind'];
  /** Left out on a row about to be written: the column's default, `booked`. */
  status?: AppointmentSlot['status'];
  startsAt: InstantValue;
}

/** The patient's withdrawal-risk columns (left out on a row to be written: the default, false). */
export interface PatientRiskRow {
  highRisk?: boolean;
  injuryAtOrAboveT6?: boolean;
  cannotCommunicate?: boolean;
}

/**
 * The implanted pump with what the engine reads from it (Prisma: `include: { model: true, dosePrograms:
 * { include: { steps: true, boluses: true } }, refills: true }`). `refills` may hold all of the pump's
 * refills or only the latest: the latest by `performedAt` is the one projected from.
 */
export interface ImplantedPumpRows extends PumpRow {
  model: PumpModelRow;
  dosePrograms: readonly DoseProgramWithScheduleRow[];
  refills: readonly RefillRow[];
  /**
   * All of the pump's interrogations or only the latest (engine-selects.ts selects the latest): the
   * latest by `interrogatedAt` is the one the engine reads. Left out: none on record.
   */
  interrogations?: readonly InterrogationRow[];
}

/** Everything about one patient the engine needs, as rows. */
export interface PatientAssessmentRows {
  patient: PatientRiskRow;
  /** The patient's implanted pump; null when there is none (candidate, explanted). */
  pump: ImplantedPumpRows | null;
  followUpVisits: readonly FollowUpVisitRow[];
  appointments: readonly AppointmentRow[];
}

/** The day, the clinic's zone and its settings the assessment is made for. */
export interface AssessmentContext {
  now: Date;
  /** The patient's site's IANA zone. */
  timeZone: string;
  /** The organisation's settings, parsed (`parseClinicSettings`). */
  settings: ClinicSettings;
}

// ─── Columns ───────────────────────────────────────────────────────────────────────────────────

/** A decimal column as a number; throws a RangeError for anything that is not a finite number. */
export function decimalToNumber(value: DecimalValue): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? value.trim() === ''
          ? NaN
          : Number(value)
        : 'toNumber' in value
          ? value.toNumber()
          : Number(value.toFixed());
  if (!Number.isFinite(number)) {
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    throw new RangeError(`Not a decimal number: ${text}`);
  }
  return number;
}

/** A timestamp column as a Date; throws a RangeError for an unreadable value. */
export function toInstant(value: InstantValue): Date {
  const instant = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(instant.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return instant;
}

/**
 * A `@db.Date` column as a calendar date: a Date at UTC midnight (`toCalendarDate`), `YYYY-MM-DD` text,
 * or ISO text at UTC midnight. Throws a RangeError for a value with a time of day.
 */
export function toDateColumn(value: DateColumnValue): CalendarDate {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return parseCalendarDate(value);
  return toCalendarDate(toInstant(value));
}

function weekdaysOf(value: WeekdaysValue): number[] {
  if (value === null || value === undefined) return [];
  return 'set' in value ? [...value.set] : [...value];
}

// ─── Rows → engine inputs ──────────────────────────────────────────────────────────────────────

/**
 * A program row with its steps and boluses as the engine's DoseProgram, validated by the domain's
 * schema (a ZodError names the field of a row the engine cannot project from). Patient-activated
 * boluses are set when any of their three columns is; a partial set fails validation.
 */
export function toDoseProgram(
  program: DoseProgramRow,
  steps: readonly DoseProgramStepRow[],
  boluses: readonly DoseProgramBolusRow[],
): DoseProgram {
  const ptmSet =
    (program.ptmBolusDoseMcg ?? null) !== null ||
    (program.ptmMaxPerDay ?? null) !== null ||
    (program.ptmLockoutMinutes ?? null) !== null;
  return doseProgramSchema.parse({
    effectiveFrom: toInstant(program.effectiveFrom),
    concentrationMcgPerMl: decimalToNumber(program.concentrationMcgPerMl),
    mode: program.mode,
    continuousDoseMcgPerDay:
      program.continuousDoseMcgPerDay === null || program.continuousDoseMcgPerDay === undefined
        ? null
        : decimalToNumber(program.continuousDoseMcgPerDay),
    steps: steps.map((step) => ({
      startMinute: step.startMinute,
      rateMcgPerHour: decimalToNumber(step.rateMcgPerHour),
      weekdays: weekdaysOf(step.weekdays),
    })),
    boluses: boluses.map((bolus) => ({
      startMinute: bolus.startMinute,
      doseMcg: decimalToNumber(bolus.doseMcg),
      durationMinutes: bolus.durationMinutes ?? 0,
      weekdays: weekdaysOf(bolus.weekdays),
    })),
    patientBolus: ptmSet
      ? {
          doseMcg:
            program.ptmBolusDoseMcg === null || program.ptmBolusDoseMcg === undefined
              ? undefined
              : decimalToNumber(program.ptmBolusDoseMcg),
          maxPerDay: program.ptmMaxPerDay ?? undefined,
          lockoutMinutes: program.ptmLockoutMinutes ?? undefined,
        }
      : null,
  });
}

/** A program row that carries its steps and boluses (Prisma include) as a DoseProgram. */
export function toDoseProgramWithSchedule(program: DoseProgramWithScheduleRow): DoseProgram {
  return toDoseProgram(program, program.steps, program.boluses);
}

/** The pump catalogue row's figures. */
export function toPumpModelFacts(model: PumpModelRow): PumpModelFacts {
  return {
    reservoirMl: decimalToNumber(model.reservoirMl),
    defaultAlarmVolumeMl: decimalToNumber(model.defaultAlarmVolumeMl),
    batteryLifeMinYears: decimalToNumber(model.batteryLifeMinYears),
    batteryLifeMaxYears: decimalToNumber(model.batteryLifeMaxYears),
    eriToEndOfServiceDays: model.eriToEndOfServiceDays ?? null,
  };
}

/** A refill row as the point a projection starts from. */
export function toRefillPoint(refill: RefillRow): RefillPoint {
  return { at: toInstant(refill.performedAt), volumeAfterMl: decimalToNumber(refill.reservoirVolumeAfterMl) };
}

/** The latest refill by `performedAt` (the first listed on a tie); null for none. */
export function latestRefill<Row extends RefillRow>(refills: readonly Row[]): Row | null {
  let latest: Row | null = null;
  let latestMs = -Infinity;
  for (const refill of refills) {
    const ms = toInstant(refill.performedAt).getTime();
    if (ms > latestMs) {
      latest = refill;
      latestMs = ms;
    }
  }
  return latest;
}

/** An interrogation row as the engine reads it. */
export function toInterrogationFacts(row: InterrogationRow): InterrogationFacts {
  const alarms = row.alarms === undefined ? [] : 'set' in row.alarms ? row.alarms.set : row.alarms;
  return { at: toInstant(row.interrogatedAt), batteryStatus: row.batteryStatus, alarms: [...alarms] };
}

/** The latest interrogation by `interrogatedAt` (the first listed on a tie); null for none. */
export function latestInterrogation<Row extends InterrogationRow>(rows: readonly Row[]): Row | null {
  let latest: Row | null = null;
  let latestMs = -Infinity;
  for (const row of rows) {
    const ms = toInstant(row.interrogatedAt).getTime();
    if (ms > latestMs) {
      latest = row;
      latestMs = ms;
    }
  }
  return latest;
}

/**
 * The implanted pump as the engine needs it. `model` is the catalogue row (PumpModelFacts, already
 * numbers, are accepted too); `programs` are the pump's programs (all of them, any order: the projection picks the one in
 * force); `lastRefill` is the pump's latest refill row or point, null when none is on record;
 * `lastInterrogation` the pump's latest interrogation row or facts (null or left out: none).
 */
export function toImplantedPumpFacts(
  pump: PumpRow,
  model: PumpModelRow,
  programs: readonly DoseProgram[],
  lastRefill: RefillRow | RefillPoint | null,
  lastInterrogation: InterrogationRow | InterrogationFacts | null = null,
): ImplantedPumpFacts {
  return {
    implantDate: toDateColumn(pump.implantDate),
    model: toPumpModelFacts(model),
    alarmVolumeOverrideMl:
      pump.alarmVolumeOverrideMl === null || pump.alarmVolumeOverrideMl === undefined
        ? null
        : decimalToNumber(pump.alarmVolumeOverrideMl),
    eriReportedDate:
      pump.eriReportedDate === null || pump.eriReportedDate === undefined
        ? null
        : toDateColumn(pump.eriReportedDate),
    lastRefill: lastRefill === null ? null : 'at' in lastRefill ? lastRefill : toRefillPoint(lastRefill),
    programs,
    latestInterrogation:
      lastInterrogation === null
        ? null
        : 'at' in lastInterrogation
          ? lastInterrogation
          : toInterrogationFacts(lastInterrogation),
  };
}

/** An appointment row as the refill status reads it (a row to be written without status is booked). */
export function toAppointmentSlot(appointment: AppointmentRow): AppointmentSlot {
  return {
    kind: appointment.kind,
    status: appointment.status ?? 'booked',
    startsAt: toInstant(appointment.startsAt),
  };
}

/** The days of the visits that count as reviews (every type but emergency: `isReviewVisit`). */
export function reviewDatesOf(visits: readonly FollowUpVisitRow[]): CalendarDate[] {
  return visits.filter((visit) => isReviewVisit(visit.type)).map((visit) => toDateColumn(visit.visitDate));
}

/** The patient's withdrawal-risk factors. */
export function toWithdrawalRiskFactors(patient: PatientRiskRow): WithdrawalRiskFactors {
  return {
    highRisk: patient.highRisk ?? false,
    injuryAtOrAboveT6: patient.injuryAtOrAboveT6 ?? false,
    cannotCommunicate: patient.cannotCommunicate ?? false,
  };
}

// The order of programs with equal start times is a domain rule, shared with the web app's previews.
export { inRecordedOrder };

/** The implanted pump with its model, programs and refills (nested rows) as the engine needs it. */
export function toImplantedPumpFactsFromRows(pump: ImplantedPumpRows): ImplantedPumpFacts {
  return toImplantedPumpFacts(
    pump,
    pump.model,
    inRecordedOrder(pump.dosePrograms).map(toDoseProgramWithSchedule),
    latestRefill(pump.refills),
    latestInterrogation(pump.interrogations ?? []),
  );
}

/** Everything `assessPatient` needs for one patient, from the patient's rows. */
export function toPatientAssessmentInput(
  rows: PatientAssessmentRows,
  context: AssessmentContext,
): PatientAssessmentInput {
  return {
    now: context.now,
    timeZone: context.timeZone,
    settings: context.settings,
    patient: toWithdrawalRiskFactors(rows.patient),
    pump: rows.pump === null ? null : toImplantedPumpFactsFromRows(rows.pump),
    reviewDates: reviewDatesOf(rows.followUpVisits),
    appointments: rows.appointments.map(toAppointmentSlot),
  };
}
