// Coded findings: what the engine says about a pump, a refill or a dose change. Each carries a
// severity that decides what the API and the UI do with it, and one plain sentence with the dates and
// numbers behind it, written for the nurse or physician reading it (docs/domain.md, "Risks").

/**
 * - `refusal`: the write must not be recorded (concentration mismatch, overfill, unit slip).
 * - `override_required`: recorded only with a physician's override and its reason (titration limit).
 * - `critical`: recorded, but someone must act now (possible pocket fill, pump stopped).
 * - `warning`: shown and kept (residual gap, unusual dose, compounded drug).
 * - `info`: context only.
 */
export type FindingSeverity = 'refusal' | 'override_required' | 'critical' | 'warning' | 'info';

export const FINDING_CODES = [
  // Reservoir and schedule
  'NO_REFILL_ON_RECORD',
  'NO_PROGRAM_ON_RECORD',
  'PUMP_STOPPED',
  'PUMP_ALARM',
  'RESERVOIR_EMPTY',
  'PAST_ALARM',
  'REFILL_OVERDUE',
  'NO_APPOINTMENT_BY_DUE_DATE',
  // Refill checks
  'CONCENTRATION_MISMATCH',
  'VOLUME_ABOVE_CAPACITY',
  'DRUG_EXPIRED',
  'RESIDUAL_GAP',
  'POSSIBLE_POCKET_FILL',
  // Dose-change checks
  'TITRATION_LIMIT_EXCEEDED',
  'LIKELY_UNIT_SLIP',
  'DOSE_ABOVE_CEILING',
  'DAILY_DOSE_ABOVE_USUAL',
  'PROGRAM_STOPS_PUMP',
  'RESTART_AFTER_STOP',
  // Drug
  'NON_STANDARD_CONCENTRATION',
  'TRIAL_CONCENTRATION',
  // Battery
  'ERI_REPORTED',
  'BATTERY_REPLACEMENT_OVERDUE',
  // Follow-up
  'FOLLOW_UP_OVERDUE',
  'NEVER_REVIEWED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** One sentence, with the dates and numbers behind it. */
  message: string;
  /** The numbers and dates the message was written from, for the UI and the audit record. */
  facts?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Order of severities, most serious first: worklists and banners list findings in this order. */
export const SEVERITY_ORDER: readonly FindingSeverity[] = [
  'refusal',
  'override_required',
  'critical',
  'warning',
  'info',
];

/** Negative when `a` is more serious than `b`. */
export function compareSeverity(a: FindingSeverity, b: FindingSeverity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}

/** A physician's explicit override of the findings that need one (titration beyond practice). */
export interface PhysicianOverride {
  reason: string;
}

/** The outcome of a set of findings for a write: may it be recorded, and what stands in its way. */
export interface WriteDecision {
  allowed: boolean;
  /** Refusals, and override-required findings when no override (with a reason) was given. */
  blocking: Finding[];
  /** Every finding, override-required ones marked as overridden when an override was given. */
  findings: Finding[];
}

/**
 * Decides whether a write with these findings may be recorded. A refusal always blocks; an
 * override-required finding blocks unless a physician override with a non-blank reason is given, in
 * which case it is kept (as a warning that says it was overridden, and why) for the audit record.
 */
export function decideWrite(
  findings: readonly Finding[],
  override: PhysicianOverride | null = null,
): WriteDecision {
  const reason = override?.reason.trim() ?? '';
  const resolved = findings.map((finding): Finding => {
    if (finding.severity !== 'override_required' || reason === '') return finding;
    return {
      ...finding,
      severity: 'warning',
      message: `${finding.message} Overridden by the physician: ${reason}`,
      facts: { ...finding.facts, overridden: true },
    };
  });
  const blocking = resolved.filter(
    (finding) => finding.severity === 'refusal' || finding.severity === 'override_required',
  );
  return { allowed: blocking.length === 0, blocking, findings: sortFindings(resolved) };
}

/** Findings most serious first; the order of equal severities is kept. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => compareSeverity(a.severity, b.severity));
}
