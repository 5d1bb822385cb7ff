import { type CalendarDate, calendarDateInZone } from './calendar-date.ts';
import { formatDate } from './explain.ts';
import { type Finding } from './findings.ts';
import { type RefillPoint } from './reservoir-projection.ts';

// What the pump itself said at its latest interrogation (docs/domain.md, "Pumps": "empty reservoir,
// end of service, motor stall (critical — drug no longer flows)"). The projection only knows what the
// records imply; an interrogation is the pump's own word that it has stopped, so it makes the refill
// critical from that moment until a later interrogation no longer shows it.

/** The battery as the pump reports it at an interrogation (the database's `battery_status`). */
export type InterrogatedBatteryStatus = 'ok' | 'low' | 'eri' | 'end_of_service' | 'unknown';

/** The alarms an interrogation can show (the database's `pump_alarm`). */
export type PumpAlarmCode =
  | 'low_reservoir'
  | 'empty_reservoir'
  | 'elective_replacement'
  | 'end_of_service'
  | 'motor_stall'
  | 'critical_error'
  | 'other';

/** The pump's latest interrogation, as the engine reads it. */
export interface InterrogationFacts {
  at: Date;
  batteryStatus: InterrogatedBatteryStatus;
  alarms: readonly PumpAlarmCode[];
}

/** Alarms that mean the drug no longer flows, in the order a sentence names them. */
export const STOPPING_ALARMS = [
  'motor_stall',
  'critical_error',
  'end_of_service',
  'empty_reservoir',
] as const;
export type StoppingAlarm = (typeof STOPPING_ALARMS)[number];

/** A stopping alarm in force: since the interrogation that showed it, until a later one does not. */
export interface PumpAlarmInForce {
  /** The interrogation's instant. */
  at: Date;
  /** In {@link STOPPING_ALARMS} order, never empty. */
  alarms: StoppingAlarm[];
}

const ALARM_LABELS: Record<StoppingAlarm, string> = {
  motor_stall: 'motor stall',
  critical_error: 'critical error',
  end_of_service: 'end of service',
  empty_reservoir: 'empty reservoir',
};

/** True when the interrogation shows end of service (the battery status or the alarm). */
export function showsEndOfService(interrogation: InterrogationFacts): boolean {
  return interrogation.batteryStatus === 'end_of_service' || interrogation.alarms.includes('end_of_service');
}

/**
 * The stopping alarms the latest interrogation shows, or null. End of service counts whether the pump
 * showed it as an alarm or as its battery status. An empty reservoir is cleared by a refill at or
 * after the interrogation (the reservoir was filled); the others only by a later interrogation.
 */
export function pumpAlarmInForce(
  latest: InterrogationFacts | null,
  lastRefill: RefillPoint | null,
): PumpAlarmInForce | null {
  if (latest === null || !Number.isFinite(latest.at.getTime())) return null;
  const refilledSince = lastRefill !== null && lastRefill.at.getTime() >= latest.at.getTime();
  const alarms = STOPPING_ALARMS.filter((alarm) => {
    if (alarm === 'end_of_service') return showsEndOfService(latest);
    if (alarm === 'empty_reservoir') return !refilledSince && latest.alarms.includes(alarm);
    return latest.alarms.includes(alarm);
  });
  return alarms.length === 0 ? null : { at: latest.at, alarms };
}

/** The day (site calendar) the latest interrogation showed end of service; null when it did not. */
export function endOfServiceReportedOn(
  latest: InterrogationFacts | null,
  timeZone: string,
): CalendarDate | null {
  if (latest === null || !Number.isFinite(latest.at.getTime()) || !showsEndOfService(latest)) return null;
  return calendarDateInZone(latest.at, timeZone);
}

/** "motor stall", "motor stall and end of service", "a, b and c". */
export function describeStoppingAlarms(alarms: readonly StoppingAlarm[]): string {
  const labels = alarms.map((alarm) => ALARM_LABELS[alarm]);
  const last = labels.pop();
  return labels.length === 0 ? (last ?? '') : `${labels.join(', ')} and ${last ?? ''}`;
}

/** What to do about it: refill an empty pump, replace one at end of service, else check it. */
function actionFor(alarms: readonly StoppingAlarm[]): string {
  if (alarms.includes('end_of_service')) return 'replace the pump now';
  if (alarms.every((alarm) => alarm === 'empty_reservoir')) return 'refill now and find out why it ran empty';
  return 'check the pump and catheter now';
}

/** The sentence for a stopping alarm, dated by the interrogation's day in the site's calendar. */
export function pumpAlarmMessage(alarms: readonly StoppingAlarm[], reportedOn: CalendarDate): string {
  return `The interrogation on ${formatDate(reportedOn)} showed ${describeStoppingAlarms(
    alarms,
  )}: the pump no longer delivers drug (withdrawal risk); ${actionFor(alarms)}.`;
}

/** The critical PUMP_ALARM finding. */
export function pumpAlarmFinding(alarm: PumpAlarmInForce, timeZone: string): Finding {
  const reportedOn = calendarDateInZone(alarm.at, timeZone);
  return {
    code: 'PUMP_ALARM',
    severity: 'critical',
    message: pumpAlarmMessage(alarm.alarms, reportedOn),
    facts: { reportedOn, interrogatedAt: alarm.at.toISOString(), alarms: alarm.alarms.join(',') },
  };
}
