// Withdrawal risk (docs/domain.md, "Risks"): withdrawal can progress over 24–72 hours to organ
// failure; patients with a spinal cord injury at T6 or above (autonomic dysreflexia) and patients who
// cannot report early symptoms are at higher risk. They go first in every worklist and their due
// dates get the larger margin. A clinician may also flag a patient explicitly.

export interface WithdrawalRiskFactors {
  /** The clinician's explicit high-risk flag. */
  highRisk: boolean;
  injuryAtOrAboveT6: boolean;
  cannotCommunicate: boolean;
}

export type WithdrawalRiskReason = 'flagged' | 'injury_at_or_above_t6' | 'cannot_communicate';

const REASON_TEXT: Record<WithdrawalRiskReason, string> = {
  flagged: 'flagged high-risk by a clinician',
  injury_at_or_above_t6: 'spinal cord injury at or above T6',
  cannot_communicate: 'cannot report withdrawal symptoms',
};

/** Whether the patient counts as high-risk, and why (empty reasons when not). */
export function withdrawalRisk(factors: WithdrawalRiskFactors): {
  highRisk: boolean;
  reasons: WithdrawalRiskReason[];
  message: string | null;
} {
  const reasons: WithdrawalRiskReason[] = [];
  if (factors.highRisk) reasons.push('flagged');
  if (factors.injuryAtOrAboveT6) reasons.push('injury_at_or_above_t6');
  if (factors.cannotCommunicate) reasons.push('cannot_communicate');
  return {
    highRisk: reasons.length > 0,
    reasons,
    message:
      reasons.length > 0 ? `High withdrawal risk: ${reasons.map((r) => REASON_TEXT[r]).join('; ')}.` : null,
  };
}

const LEVEL_PATTERN = /^(C|T|L|S)(\d{1,2})$/;
const SEGMENT_ORDER = ['C', 'T', 'L', 'S'] as const;

/**
 * True when a neurological injury level (C1–C8, T1–T12, L1–L5, S1–S5) is at or above T6: every
 * cervical level and T1–T6. Null for a text that is not a level.
 */
export function isInjuryAtOrAboveT6(level: string): boolean | null {
  const match = LEVEL_PATTERN.exec(level.trim().toUpperCase());
  if (!match) return null;
  const segment = SEGMENT_ORDER.indexOf(match[1] as (typeof SEGMENT_ORDER)[number]);
  const number = Number(match[2]);
  const max = [8, 12, 5, 5][segment] ?? 0;
  if (number < 1 || number > max) return null;
  return segment === 0 || (segment === 1 && number <= 6);
}
