import { type PatientDetail } from '@pumpdesk/contracts';
import {
  alarmVolumeOf,
  assessPatient,
  type ClinicSettings,
  dailyDose,
  type PatientAssessment,
} from '@pumpdesk/domain';
import {
  decimalToNumber,
  inRecordedOrder,
  toDoseProgramWithSchedule,
  toPatientAssessmentInput,
} from '../assessment/engine-inputs.ts';
import { type Principal, requirePermission, requireSiteAccess } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { auditRead } from './audit.ts';
import { pumpEngineSelect } from './engine-selects.ts';
import { patientRecordSelect, toPatientRecord } from './patient-record.ts';
import { readClinicSettings } from './settings-repository.ts';

// One patient with today's assessment by the scheduling engine. The dates are computed from the rows
// on every read (a few tens of microseconds), so the page a clinician opens is never stale, whatever
// the stored worklist columns say.

/** Appointments from a day back: the refill status only looks at booked ones from today on. */
const APPOINTMENT_LOOKBACK_MS = 86_400_000;

function detailSelect(now: Date) {
  return {
    ...patientRecordSelect,
    pumps: {
      where: { status: 'implanted' },
      take: 1,
      select: {
        ...pumpEngineSelect,
        serialNumber: true,
        refills: {
          orderBy: { performedAt: 'desc' },
          take: 1,
          select: {
            id: true,
            performedAt: true,
            location: true,
            concentrationMcgPerMl: true,
            volumeFilledMl: true,
            reservoirVolumeAfterMl: true,
          },
        },
      },
    },
    followUpVisits: { select: { visitDate: true, type: true } },
    appointments: {
      where: { status: 'booked', startsAt: { gte: new Date(now.getTime() - APPOINTMENT_LOOKBACK_MS) } },
      select: { kind: true, status: true, startsAt: true },
    },
  } satisfies Prisma.PatientSelect;
}

type DetailRow = Prisma.PatientGetPayload<{ select: ReturnType<typeof detailSelect> }>;

/**
 * The patient with today's assessment (`now` in the patient's site's zone, the organisation's
 * settings); null when there is no such patient or it was deleted. A patient at a site the principal
 * does not work at throws OutOfScopeError (a 404 like a missing one). Audited as patient.read.
 */
export async function getPatientDetail(
  prisma: PrismaClient,
  principal: Principal,
  id: string,
  now: Date,
): Promise<PatientDetail | null> {
  requirePermission(principal, 'patients:read');
  const [row, settings] = await Promise.all([
    prisma.patient.findFirst({ where: { id, deletedAt: null }, select: detailSelect(now) }),
    readClinicSettings(prisma),
  ]);
  if (!row) return null;
  requireSiteAccess(principal, row.siteId, 'patient', id);
  const detail = toPatientDetail(row, now, settings);
  await auditRead(prisma, principal, {
    action: 'patient.read',
    entityType: 'patient',
    entityId: id,
    siteId: row.siteId,
    summary: { version: row.version },
  });
  return detail;
}

function toPatientDetail(row: DetailRow, now: Date, settings: ClinicSettings): PatientDetail {
  const pump = row.pumps[0] ?? null;
  const input = toPatientAssessmentInput(
    { patient: row, pump, followUpVisits: row.followUpVisits, appointments: row.appointments },
    { now, timeZone: row.site.timeZone, settings },
  );
  const assessment = assessPatient(input);
  return {
    ...toPatientRecord(row),
    risk: assessment.risk,
    currentPump: pump && input.pump ? currentPump(pump, input.pump, now) : null,
    assessment: {
      today: assessment.today,
      urgency: assessment.priority.urgency,
      refill: refillDto(assessment),
      battery: assessment.battery && {
        status: assessment.battery.status,
        message: assessment.battery.message,
        windowStart: assessment.battery.windowStart,
        recommendedReplacement: assessment.battery.recommendedReplacement,
        estimatedEnd: assessment.battery.estimatedEnd,
        endOfService: assessment.battery.endOfService,
        pastEstimatedEnd: assessment.battery.pastEstimatedEnd,
      },
      followUp: assessment.followUp && {
        status: assessment.followUp.status,
        message: assessment.followUp.message,
        lastReview: assessment.followUp.lastReview,
        nextReviewDue: assessment.followUp.nextReviewDue,
        daysUntilDue: assessment.followUp.daysUntilDue,
      },
      findings: assessment.findings.map(({ code, severity, message }) => ({ code, severity, message })),
    },
  };
}

type PumpRowOf = NonNullable<DetailRow['pumps'][number]>;

function currentPump(
  pump: PumpRowOf,
  facts: NonNullable<ReturnType<typeof toPatientAssessmentInput>['pump']>,
  now: Date,
): NonNullable<PatientDetail['currentPump']> {
  const refill = pump.refills[0] ?? null;
  // The program in force now: the last to have taken effect (equal start times: the last recorded).
  const program =
    inRecordedOrder(pump.dosePrograms).findLast((row) => row.effectiveFrom.getTime() <= now.getTime()) ??
    null;
  return {
    id: pump.id,
    manufacturer: pump.model.manufacturer,
    model: pump.model.model,
    reservoirMl: decimalToNumber(pump.model.reservoirMl),
    serialNumber: pump.serialNumber,
    implantDate: facts.implantDate,
    alarmVolumeMl: alarmVolumeOf(facts),
    eriReportedDate: facts.eriReportedDate,
    programInForce: program && {
      id: program.id,
      effectiveFrom: program.effectiveFrom.toISOString(),
      mode: program.mode,
      concentrationMcgPerMl: decimalToNumber(program.concentrationMcgPerMl),
      dailyDoseMcg: dailyDose(toDoseProgramWithSchedule(program)).totalMcg,
      reason: program.reason,
    },
    lastRefill: refill && {
      id: refill.id,
      performedAt: refill.performedAt.toISOString(),
      location: refill.location,
      concentrationMcgPerMl: decimalToNumber(refill.concentrationMcgPerMl),
      volumeFilledMl: decimalToNumber(refill.volumeFilledMl),
      reservoirVolumeAfterMl: decimalToNumber(refill.reservoirVolumeAfterMl),
    },
  };
}

function refillDto(assessment: PatientAssessment): PatientDetail['assessment']['refill'] {
  const refill = assessment.refill;
  if (!refill) return null;
  const projected = refill.projection.kind === 'projected' ? refill.projection : null;
  return {
    status: refill.status,
    message: refill.message,
    refillDate: refill.due?.refillDate ?? null,
    alarmAt: projected?.alarmAt?.toISOString() ?? null,
    emptyAt: projected?.emptyAt?.toISOString() ?? null,
    alarmDate: refill.due?.alarmDate ?? null,
    emptyDate: refill.due?.emptyDate ?? null,
    dueDate: refill.due?.dueDate ?? null,
    dueDateBoundBy: refill.due?.boundBy ?? null,
    marginDays: refill.due?.marginDays ?? null,
    volumeNowMl: refill.volumeNowMl === null ? null : Math.round(refill.volumeNowMl * 100) / 100,
    daysUntilDue: refill.daysUntilDue,
    nextBookedRefill: refill.nextBookedRefill,
  };
}
