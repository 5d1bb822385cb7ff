import {
  type AppointmentStatus,
  type DoseProgramRecord,
  type RefillRecord,
  type VisitType,
} from '@pumpdesk/contracts';

export const doseModeLabels: Record<DoseProgramRecord['mode'], string> = {
  simple_continuous: 'Simple continuous',
  flex: 'Flex',
  periodic_bolus: 'Periodic bolus',
};

export const visitTypeLabels: Record<VisitType, string> = {
  review: 'Review',
  titration: 'Titration',
  refill_and_review: 'Refill and review',
  post_implant: 'Post-implant',
  emergency: 'Emergency',
};

export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  done: 'Done',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const refillLocationLabels: Record<RefillRecord['location'], string> = {
  clinic: 'Clinic',
  home: 'Home',
};

export const riskReasonLabels = {
  flagged: 'Flagged high risk',
  injury_at_or_above_t6: 'Injury at or above T6',
  cannot_communicate: 'Cannot communicate',
} as const;

export const dueDateReasonLabels = {
  alarm_margin: 'alarm date less the safety margin',
  drug_stability: 'drug stability (180 days)',
  max_interval: "the clinic's maximum interval",
} as const;
