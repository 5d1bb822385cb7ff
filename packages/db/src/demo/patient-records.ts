import {
  addDays,
  type CalendarDate,
  calendarDateToUtcDate,
  compareCalendarDates,
  startOfDayInZone,
} from '@pumpdesk/domain';
import { type Diagnosis, type PatientStatus, type Prisma } from '../generated/prisma/client.ts';
import { type DemoSite } from './clinic-setup.ts';
import { chooseShape } from './dose-programs.ts';
import { ashworthAt, planVisits } from './follow-up-history.ts';
import { seededUuid } from './ids.ts';
import { familyNames, givenNames } from './names.ts';
import { planAppointments } from './appointments-plan.ts';
import { type Prng } from './prng.ts';
import { type DoseState, type PumpTimeline, simulatePump } from './refill-timeline.ts';
import { type TodayScenario } from './today-scenarios.ts';

export interface DemoPumpModel {
  id: string;
  reservoirMl: number;
  defaultAlarmVolumeMl: number;
  batteryLifeMinYears: number;
  batteryLifeMaxYears: number;
  eriToEndOfServiceDays: number | null;
  manufacturer: string;
}

/** Every row of one patient, in insertion order, plus what the summary needs to know. */
export interface PatientRecords {
  patient: Prisma.PatientCreateManyInput;
  catheters: Prisma.CatheterCreateManyInput[];
  catheterRevisions: Prisma.CatheterRevisionCreateManyInput[];
  pumps: Prisma.PumpCreateManyInput[];
  programs: Prisma.DoseProgramCreateManyInput[];
  steps: Prisma.DoseProgramStepCreateManyInput[];
  boluses: Prisma.DoseProgramBolusCreateManyInput[];
  refills: Prisma.RefillCreateManyInput[];
  interrogations: Prisma.PumpInterrogationCreateManyInput[];
  visits: Prisma.FollowUpVisitCreateManyInput[];
  trials: Prisma.TrialCreateManyInput[];
  appointments: Prisma.AppointmentCreateManyInput[];
}

export interface PatientContext {
  mrnNumber: number;
  today: CalendarDate;
  site: DemoSite;
  physicianId: string;
  nurseIds: readonly string[];
  models: readonly DemoPumpModel[];
  status: PatientStatus;
  /** Active patients with a pump: where today should find them. */
  scenario: TodayScenario | null;
}

const YEAR = 365.25;

export function generatePatient(random: Prng, ctx: PatientContext): PatientRecords {
  const records: PatientRecords = emptyRecords(describePatient(random, ctx));
  const patient = records.patient;
  if (ctx.status === 'candidate' || ctx.status === 'trial') {
    records.trials.push(
      ...planTrials(
        random,
        ctx,
        patient.id ?? '',
        addDays(ctx.today, -random.int(5, 50)),
        ctx.status === 'trial',
      ),
    );
    return records;
  }
  const history = planImplantHistory(random, ctx);
  if (random.chance(0.6)) {
    records.trials.push(
      ...planTrials(random, ctx, patient.id ?? '', addDays(history.firstImplant, -random.int(30, 120)), true),
    );
  }
  addPumps(random, ctx, records, history);
  const lastDay = history.endDate ?? ctx.today;
  records.visits = planVisits(random, {
    patientId: patient.id ?? '',
    firstImplant: history.firstImplant,
    lastDay,
    today: ctx.today,
    scenario: ctx.scenario?.followUp ?? 'normal',
    physicianId: ctx.physicianId,
    baselineAshworthRank: random.int(3, 5),
  });
  patient.nextReviewDue = nextReviewDue(records, history.firstImplant, ctx.status);
  records.interrogations = planInterrogations(random, ctx, records);
  if (ctx.status === 'active' || ctx.status === 'transferred') {
    records.appointments = planAppointments(random, { ctx, records, homeRefills: history.homeRefills });
  }
  return records;
}

function emptyRecords(patient: Prisma.PatientCreateManyInput): PatientRecords {
  return {
    patient,
    catheters: [],
    catheterRevisions: [],
    pumps: [],
    programs: [],
    steps: [],
    boluses: [],
    refills: [],
    interrogations: [],
    visits: [],
    trials: [],
    appointments: [],
  };
}

function describePatient(random: Prng, ctx: PatientContext): Prisma.PatientCreateManyInput {
  const diagnosis = random.weighted<Diagnosis>([
    ['multiple_sclerosis', 30],
    ['spinal_cord_injury', 28],
    ['cerebral_palsy', 20],
    ['brain_injury', 9],
    ['stroke', 8],
    ['other', 5],
  ]);
  const child = diagnosis === 'cerebral_palsy' && random.chance(0.35);
  const ageYears = child ? random.int(5, 17) : random.int(19, 79);
  const injuryLevel =
    diagnosis === 'spinal_cord_injury'
      ? random.pick(['C4', 'C5', 'C6', 'C7', 'T2', 'T4', 'T6', 'T8', 'T10', 'T12', 'L1'])
      : null;
  const injuryAtOrAboveT6 =
    injuryLevel !== null && (injuryLevel.startsWith('C') || ['T2', 'T4', 'T6'].includes(injuryLevel));
  const cannotCommunicate =
    (diagnosis === 'brain_injury' || diagnosis === 'cerebral_palsy') && random.chance(0.25);
  const highRisk = ctx.scenario?.highRisk === true || random.chance(0.04);
  return {
    id: seededUuid(random),
    mrn: `PD${String(ctx.mrnNumber).padStart(6, '0')}`,
    givenName: random.pick(givenNames),
    familyName: random.pick(familyNames),
    dateOfBirth: calendarDateToUtcDate(addDays(ctx.today, -Math.round(ageYears * YEAR) - random.int(0, 364))),
    sex: random.weighted([
      ['female', 48],
      ['male', 50],
      ['other', 1],
      ['unknown', 1],
    ]),
    diagnosis,
    injuryLevel,
    diagnosisNote:
      diagnosis === 'other'
        ? random.pick(['Hereditary spastic paraplegia', 'Stiff person syndrome', 'Transverse myelitis'])
        : null,
    spasticityOrigin: ['cerebral_palsy', 'brain_injury', 'stroke'].includes(diagnosis)
      ? 'cerebral'
      : 'spinal',
    ageGroup: child ? 'child' : 'adult',
    injuryAtOrAboveT6,
    cannotCommunicate,
    highRisk,
    highRiskReason: highRisk
      ? random.pick([
          'Withdrawal near empty in the past',
          'Lives alone; missed refills before',
          'Severe autonomic dysreflexia',
        ])
      : null,
    status: ctx.status,
    siteId: ctx.site.id,
    responsiblePhysicianId: ctx.physicianId,
  };
}

interface ImplantHistory {
  firstImplant: CalendarDate;
  /** Implant date of each pump, oldest first; the last one is current unless `endDate` is set. */
  implants: { date: CalendarDate; model: DemoPumpModel }[];
  /** When therapy here ended (explant, death, transfer); null: ongoing. */
  endDate: CalendarDate | null;
  explantReason: Prisma.PumpCreateManyInput['explantReason'];
  homeRefills: boolean;
}

function planImplantHistory(random: Prng, ctx: PatientContext): ImplantHistory {
  const synchromed = ctx.models.filter((m) => m.manufacturer === 'Medtronic');
  const battery = ctx.scenario?.battery ?? 'normal';
  const needsSynchromed = battery !== 'normal';
  const model = needsSynchromed ? random.pick(synchromed) : pickModel(random, ctx.models);
  const yearsAgo = currentPumpAge(random, ctx);
  const current = addDays(ctx.today, -Math.round(yearsAgo * YEAR));
  const implants = [{ date: current, model }];
  // Some patients are on their second pump: the first ran out of battery after 6–7 years.
  if (
    battery === 'normal' &&
    ctx.scenario?.followUp !== 'first_review_due' &&
    yearsAgo < 3.5 &&
    random.chance(0.3)
  ) {
    implants.unshift({
      date: addDays(current, -Math.round(random.float(6, 6.9) * YEAR)),
      model: random.pick(synchromed),
    });
  }
  const ended = endOfTherapy(random, ctx, current);
  return {
    firstImplant: implants[0]?.date ?? current,
    implants,
    endDate: ended?.date ?? null,
    explantReason: ended?.reason ?? null,
    homeRefills: random.chance(0.15),
  };
}

function pickModel(random: Prng, models: readonly DemoPumpModel[]): DemoPumpModel {
  const maker = random.weighted([
    ['Medtronic', 80],
    ['Flowonix', 12],
    ['Codman', 8],
  ]);
  return random.pick(models.filter((m) => m.manufacturer === maker));
}

/** Years since the current pump went in, chosen to put its battery where the scenario asks. */
function currentPumpAge(random: Prng, ctx: PatientContext): number {
  if (ctx.scenario?.followUp === 'first_review_due') return random.int(10, 30) / YEAR;
  if (ctx.scenario?.followUp === 'never_reviewed') return random.int(60, 200) / YEAR;
  switch (ctx.scenario?.battery ?? 'normal') {
    case 'approaching':
      return random.float(4.6, 4.95);
    case 'in_window':
      return random.float(5.05, 6.3);
    case 'replacement_overdue':
      return random.float(6.55, 6.95);
    case 'eri':
      return random.float(5.3, 6.4);
    case 'normal':
      return ctx.status === 'active' ? random.float(0.5, 4.4) : random.float(1.5, 6);
  }
}

function endOfTherapy(
  random: Prng,
  ctx: PatientContext,
  implant: CalendarDate,
): { date: CalendarDate; reason: Prisma.PumpCreateManyInput['explantReason'] } | null {
  const reason = (
    { inactive: 'therapy_stopped', explanted: null, deceased: 'deceased', transferred: null } as const
  )[ctx.status as 'inactive' | 'explanted' | 'deceased' | 'transferred'];
  if (ctx.status === 'active') return null;
  const date = addDays(ctx.today, -random.int(60, 700));
  const clamped = compareCalendarDates(date, addDays(implant, 90)) < 0 ? addDays(implant, 90) : date;
  const explantReason =
    ctx.status === 'explanted'
      ? random.pick(['infection', 'malfunction', 'patient_request', 'catheter_complication'] as const)
      : reason;
  return {
    date: compareCalendarDates(clamped, ctx.today) >= 0 ? addDays(ctx.today, -30) : clamped,
    reason: explantReason,
  };
}

function addPumps(random: Prng, ctx: PatientContext, records: PatientRecords, history: ImplantHistory): void {
  const patientId = records.patient.id ?? '';
  const catheterId = seededUuid(random);
  const spinal = records.patient.spasticityOrigin === 'spinal';
  const child = records.patient.ageGroup === 'child';
  const target = child
    ? random.int(80, 600)
    : spinal
      ? random.chance(0.05)
        ? random.int(1000, 1150)
        : random.int(300, 800)
      : random.int(90, 700);
  const dose: DoseState = {
    dailyMcg: Math.max(24, target * random.float(0.35, 0.6)),
    targetMcg: target,
    concentration: 500,
    shape: chooseShape(random),
    titrationLimit: spinal && !child ? 0.3 : 0.15,
  };
  const removed = history.explantReason === 'infection';
  records.catheters.push({
    id: catheterId,
    patientId,
    implantDate: calendarDateToUtcDate(history.firstImplant),
    tipLevel: spinal
      ? random.pick(['T8', 'T9', 'T10', 'T11', 'T12'])
      : random.pick(['C5', 'C7', 'T1', 'T4', 'T6']),
    status: removed ? 'removed' : 'in_use',
    removedDate: removed && history.endDate ? calendarDateToUtcDate(history.endDate) : null,
  });
  if (random.chance(0.08)) {
    records.catheterRevisions.push({
      id: seededUuid(random),
      catheterId,
      revisionDate: calendarDateToUtcDate(addDays(history.firstImplant, random.int(100, 900))),
      reason: random.pick(['occlusion', 'kink', 'dislodgement', 'disconnection', 'leak'] as const),
      newTipLevel: random.chance(0.5) ? 'T10' : null,
      notes: 'Catheter dye study abnormal; revised under general anaesthetic.',
    });
  }
  history.implants.forEach((implant, index) => {
    const next = history.implants[index + 1];
    const explantDate = next?.date ?? history.endDate;
    addPump(random, ctx, records, {
      implant,
      catheterId,
      explantDate,
      replaced: next !== undefined,
      dose,
      history,
    });
  });
}

function addPump(
  random: Prng,
  ctx: PatientContext,
  records: PatientRecords,
  p: {
    implant: { date: CalendarDate; model: DemoPumpModel };
    catheterId: string;
    explantDate: CalendarDate | null;
    replaced: boolean;
    dose: DoseState;
    history: ImplantHistory;
  },
): void {
  const pumpId = seededUuid(random);
  const stillImplanted = p.explantDate === null || (ctx.status === 'transferred' && !p.replaced);
  const timeline: PumpTimeline = simulatePump(random, {
    pumpId,
    reservoirMl: p.implant.model.reservoirMl,
    alarmMl: p.implant.model.defaultAlarmVolumeMl,
    implantDate: p.implant.date,
    endDate: p.explantDate,
    today: ctx.today,
    timeZone: ctx.site.timeZone,
    opensAtHour: ctx.site.opensAtHour,
    scenario: p.explantDate === null ? (ctx.scenario?.refill ?? 'ok') : null,
    homeRefills: p.history.homeRefills,
    nurseIds: ctx.nurseIds,
    physicianId: ctx.physicianId,
    dose: p.dose,
  });
  const lastRefill = timeline.refills.at(-1);
  const model = p.implant.model;
  const eri =
    ctx.scenario?.battery === 'eri' && p.explantDate === null
      ? addDays(ctx.today, -random.int(10, 60))
      : null;
  const replaceBy = eri
    ? addDays(eri, model.eriToEndOfServiceDays ?? 90)
    : addDays(p.implant.date, Math.round(model.batteryLifeMaxYears * YEAR) - 182);
  records.pumps.push({
    id: pumpId,
    patientId: records.patient.id ?? '',
    modelId: model.id,
    catheterId: p.catheterId,
    // Unique by construction (the MRN's number and the pump's place in the patient's history).
    serialNumber: `${model.manufacturer.slice(0, 3).toUpperCase()}${String(ctx.mrnNumber * 10 + records.pumps.length).padStart(8, '0')}`,
    implantDate: calendarDateToUtcDate(p.implant.date),
    explantDate: stillImplanted || !p.explantDate ? null : calendarDateToUtcDate(p.explantDate),
    explantReason: stillImplanted
      ? null
      : p.replaced
        ? 'battery_end_of_life'
        : (p.history.explantReason ?? 'other'),
    status: stillImplanted ? 'implanted' : 'explanted',
    alarmVolumeOverrideMl: ctx.scenario?.highRisk && model.reservoirMl === 40 ? 4 : null,
    eriReportedDate: eri ? calendarDateToUtcDate(eri) : null,
    alarmAt: stillImplanted ? (lastRefill?.alarmAtSnapshot ?? null) : null,
    emptyAt: stillImplanted ? (lastRefill?.emptyAtSnapshot ?? null) : null,
    refillDueDate: stillImplanted ? (lastRefill?.dueDateSnapshot ?? null) : null,
    batteryReplaceBy: stillImplanted ? calendarDateToUtcDate(replaceBy) : null,
  });
  for (const rows of timeline.programs) {
    records.programs.push(rows.program);
    records.steps.push(...rows.steps);
    records.boluses.push(...rows.boluses);
  }
  records.refills.push(...timeline.refills);
}

function planTrials(
  random: Prng,
  ctx: PatientContext,
  patientId: string,
  start: CalendarDate,
  responds: boolean,
): Prisma.TrialCreateManyInput[] {
  const child = random.chance(0.1);
  const doses = child ? [25, 50] : [50, 75, 100];
  const days = responds ? random.int(1, doses.length) : doses.length;
  return doses.slice(0, days).map((bolusMcg, i) => {
    const last = i === days - 1;
    const outcome = last
      ? responds
        ? 'responder'
        : random.pick(['non_responder', 'inconclusive'] as const)
      : 'non_responder';
    const before = random.int(3, 5);
    return {
      id: seededUuid(random),
      patientId,
      trialDate: calendarDateToUtcDate(addDays(start, i)),
      bolusMcg,
      performedById: ctx.physicianId,
      ashworthBefore: ashworthAt(before),
      ashworthAfter: ashworthAt(
        outcome === 'responder' ? before - random.int(2, 3) : before - random.int(0, 1),
      ),
      pennBefore: random.int(2, 4),
      pennAfter: outcome === 'responder' ? random.int(0, 1) : random.int(2, 4),
      outcome,
      notes: `Lumbar puncture, ${String(bolusMcg)} mcg bolus; assessed at 1, 2, 4, 6 and 8 hours.`,
    };
  });
}

function nextReviewDue(
  records: PatientRecords,
  firstImplant: CalendarDate,
  status: PatientStatus,
): Date | null {
  if (status !== 'active') return null;
  const last = records.visits.at(-1);
  if (!last) return calendarDateToUtcDate(addDays(firstImplant, 42));
  const lastDate = last.visitDate instanceof Date ? last.visitDate : new Date(last.visitDate);
  return new Date(lastDate.getTime() + 182 * 86_400_000);
}

function planInterrogations(
  random: Prng,
  ctx: PatientContext,
  records: PatientRecords,
): Prisma.PumpInterrogationCreateManyInput[] {
  const current = records.pumps.find((pump) => pump.status === 'implanted') ?? records.pumps.at(-1);
  if (!current?.id) return [];
  const rows: Prisma.PumpInterrogationCreateManyInput[] = records.visits.slice(-4).map((visit) => ({
    id: seededUuid(random),
    pumpId: current.id ?? '',
    interrogatedAt: new Date(new Date(visit.visitDate).getTime() + (ctx.site.opensAtHour + 2) * 3_600_000),
    performedById: ctx.physicianId,
    reason: 'routine' as const,
    batteryStatus:
      ctx.scenario?.battery === 'in_window' || ctx.scenario?.battery === 'replacement_overdue'
        ? ('low' as const)
        : ('ok' as const),
    alarms: [],
  }));
  if (current.eriReportedDate) {
    rows.push({
      id: seededUuid(random),
      pumpId: current.id,
      interrogatedAt: new Date(new Date(current.eriReportedDate).getTime() + 11 * 3_600_000),
      performedById: ctx.physicianId,
      reason: 'alarm',
      batteryStatus: 'eri',
      eriReported: true,
      alarms: ['elective_replacement'],
      notes: 'ERI alarm reported by patient; replacement to be scheduled within 90 days.',
    });
  }
  if (random.chance(0.03)) {
    rows.push({
      id: seededUuid(random),
      pumpId: current.id,
      interrogatedAt: startOfDayInZone(addDays(ctx.today, -random.int(20, 300)), ctx.site.timeZone),
      performedById: ctx.physicianId,
      reason: 'post_mri',
      batteryStatus: 'ok',
      alarms: [],
      notes: 'Post-MRI check: motor restarted, program unchanged.',
    });
  }
  return rows;
}
