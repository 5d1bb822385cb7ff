import { z } from 'zod';

// Every threshold the engine uses, with the domain doc's defaults (docs/domain.md). A clinic changes
// them in the organisation's settings; `parseClinicSettings` fills what it leaves out. Sources are
// cited per field; where the doc gives a range (clinics use 3–5 days) the bounds allow that range and
// a little more, and refuse what would be unsafe (a margin of 0 is allowed, a negative one is not).

const days = (min: number, max: number) => z.int().min(min).max(max);
const percent = z.number().gt(0).max(100);

/** A group's titration limits; a clinic may set one of the two and keep the other's default. */
const titrationLimit = (increase: number, decrease: number) =>
  z
    .object({
      /** Largest rise in daily dose within the titration window without an override (percent). */
      maxIncreasePercent: percent.default(increase),
      /** Largest fall in daily dose within the window without an override (percent). */
      maxDecreasePercent: percent.default(decrease),
    })
    .strict()
    .prefault({});

export const clinicSettingsSchema = z
  .object({
    refill: z
      .object({
        /** Days before the alarm date a refill is due. Domain doc: 4 (clinics use 3–5; Gillette 3–5). */
        safetyMarginDays: days(0, 30).default(4),
        /**
         * Margin for high-risk patients (explicit flag, injury at or above T6, cannot communicate):
         * withdrawal starts before the 2 mL alarm in some (Neurosurgery 2004). PumpDesk default: 7.
         */
        highRiskSafetyMarginDays: days(0, 30).default(7),
        /** Drug stability in the reservoir: at most 180 days (Lioresal/Gablofen labelling). */
        drugStabilityDays: days(1, 180).default(180),
        /** The clinic's longest refill interval (domain doc: a setting of 1–6 months). */
        maxIntervalDays: days(30, 180).default(180),
        /** "Due soon": due within this many days (the nurse's week ahead). */
        dueSoonDays: days(0, 60).default(7),
        /** "Upcoming": due within this many days (booking horizon). */
        upcomingDays: days(0, 120).default(30),
      })
      .strict()
      .prefault({})
      .refine((refill) => refill.highRiskSafetyMarginDays >= refill.safetyMarginDays, {
        message: 'The high-risk margin must be at least the standard margin',
        path: ['highRiskSafetyMarginDays'],
      })
      .refine((refill) => refill.upcomingDays >= refill.dueSoonDays, {
        message: '"Upcoming" must reach at least as far as "due soon"',
        path: ['upcomingDays'],
      }),
    residual: z
      .object({
        /** Reservoirs up to this size (mL) use the small threshold (domain doc: 20 mL pumps). */
        smallReservoirMaxMl: z.number().positive().max(100).default(20),
        /** Gap (mL) above which a residual or fill gap is a finding: 20 mL pumps 1 mL (Maino 2017). */
        smallReservoirGapMl: z.number().positive().max(10).default(1),
        /** The same for larger reservoirs: 40 mL pumps 2 mL. */
        largeReservoirGapMl: z.number().positive().max(10).default(2),
      })
      .strict()
      .prefault({}),
    titration: z
      .object({
        /** Saulino 2016: adult spinal origin 10–30% per 24 h; falls −10–20% at later visits. */
        adultSpinal: titrationLimit(30, 20),
        /** Adult cerebral origin 5–15% per 24 h. */
        adultCerebral: titrationLimit(15, 15),
        /** Children 5–15% per 24 h. */
        child: titrationLimit(15, 15),
        /** "At high doses more than 20% is too much": the dose (mcg/day) from which that cap applies. */
        highDoseFromMcgPerDay: z.number().positive().default(600),
        highDoseMaxChangePercent: percent.default(20),
        /** The window the limits are per (hours): changes within it are judged together. */
        windowHours: z.int().min(1).max(168).default(24),
      })
      .strict()
      .prefault({}),
    dose: z
      .object({
        /** Daily doses above this are unusual and flagged (domain doc: above 1000 mcg/day). */
        unusualDailyDoseMcg: z.number().positive().default(1000),
        /**
         * Refused outright as a likely programming error. Labelled maintenance doses reach about
         * 2000 mcg/day (Lioresal Intrathecal prescribing information); a clinic may raise it.
         */
        ceilingDailyDoseMcg: z.number().positive().default(2000),
        /**
         * A new daily dose this many times the previous one is a likely unit slip (per-day typed as
         * per-hour is 24×; ISMP baclofen programming error report). Refused.
         */
        unitSlipFactor: z.number().min(2).max(24).default(4),
        /** Commercial strengths (mcg/mL); anything else is diluted or compounded. */
        standardConcentrationsMcgPerMl: z.array(z.number().positive()).min(1).default([500, 1000, 2000]),
        /** Strengths meant for screening, not for the pump (50 mcg/mL). */
        trialConcentrationsMcgPerMl: z.array(z.number().positive()).default([50]),
      })
      .strict()
      .prefault({})
      .refine((dose) => dose.ceilingDailyDoseMcg >= dose.unusualDailyDoseMcg, {
        message: 'The ceiling must be at least the "unusual dose" threshold',
        path: ['ceilingDailyDoseMcg'],
      }),
    battery: z
      .object({
        /**
         * Months before the estimated end of battery life to replace the pump. Medtronic advises about
         * 6 months before shut-off; best practice says at least 3.
         */
        leadTimeMonths: z.int().min(3).max(24).default(6),
        /** ERI to end of service when the model does not say (SynchroMed II: 90 days). */
        eriToEndOfServiceDays: days(0, 365).default(90),
      })
      .strict()
      .prefault({}),
    followUp: z
      .object({
        /** The clinic's rule: a review at least every 6 months (182 days). */
        intervalDays: days(7, 730).default(182),
        /** First review after implant: 2–6 weeks is common. */
        firstReviewMinDays: days(0, 180).default(14),
        firstReviewMaxDays: days(1, 180).default(42),
        /** "Due soon": due within this many days. */
        dueSoonDays: days(0, 120).default(30),
      })
      .strict()
      .prefault({})
      .refine((followUp) => followUp.firstReviewMaxDays >= followUp.firstReviewMinDays, {
        message: 'The first review window must end after it starts',
        path: ['firstReviewMaxDays'],
      }),
  })
  .strict();

/** The settings the engine computes with: every field present and validated. */
export type ClinicSettings = z.output<typeof clinicSettingsSchema>;
/** What a clinic may store: any field may be left out and takes its default. */
export type ClinicSettingsInput = z.input<typeof clinicSettingsSchema>;

/** The domain doc's defaults, validated. */
export const DEFAULT_CLINIC_SETTINGS: ClinicSettings = clinicSettingsSchema.parse({});

/**
 * Validates a clinic's stored settings and fills the defaults. Throws a ZodError naming the field and
 * the rule for a value out of range or an unknown key (a typo would otherwise silently keep a default).
 */
export function parseClinicSettings(input: unknown): ClinicSettings {
  return clinicSettingsSchema.parse(input ?? {});
}
