// Measures the scheduling engine (packages/domain) over a generated demo clinic, without a database:
// the cost of assessing one patient (refill projection, due date, battery, follow-up, findings), of
// the projection alone, and of building a whole worklist (assess every active patient, then sort by
// priority). The dashboard's worklists will do exactly that for every active patient, so this says how
// large a clinic can be computed per request. Timings on shared machines are noisy: compare the
// ratios printed within one run, not absolute numbers across runs.
//
//   pnpm bench:engine [--patients 10000] [--rounds 3]
import { parseArgs } from 'node:util';
import { toPatientAssessmentInput } from '@pumpdesk/db';
import { assessmentRowsOf, demoNow, generateDemoBatches, planDemoClinic } from '@pumpdesk/db/seed';
import {
  assessPatient,
  compareWorklistPriority,
  DEFAULT_CLINIC_SETTINGS,
  type PatientAssessmentInput,
  parseCalendarDate,
  projectReservoir,
  alarmVolumeOf,
} from '@pumpdesk/domain';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
    today: { type: 'string', default: '2026-11-25' },
  },
});
const patients = Number(values.patients);
const rounds = Number(values.rounds);
const today = parseCalendarDate(values.today);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function describe(label: string, microseconds: number[]): number {
  const sorted = [...microseconds].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  console.log(
    `${label.padEnd(34)} p50 ${median.toFixed(1).padStart(7)} µs  p95 ${percentile(sorted, 95)
      .toFixed(1)
      .padStart(7)} µs  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} µs  max ${(sorted.at(-1) ?? NaN)
      .toFixed(0)
      .padStart(6)} µs`,
  );
  return median;
}

function time<T>(work: () => T): { result: T; microseconds: number } {
  const start = process.hrtime.bigint();
  const result = work();
  return { result, microseconds: Number(process.hrtime.bigint() - start) / 1000 };
}

console.log(`Generating a demo clinic of ${patients} patients (no database)…`);
const plan = planDemoClinic({ patients, seed: 20261125, today });
const inputs: PatientAssessmentInput[] = [];
for (const { records } of generateDemoBatches(plan)) {
  for (const patient of records) {
    const rows = assessmentRowsOf(patient, plan.pumpModels);
    const siteId = patient.patients[0]?.siteId;
    if (!rows) continue;
    const timeZone = plan.sites.find((site) => site.id === siteId)?.timeZone ?? 'UTC';
    inputs.push(
      toPatientAssessmentInput(rows, {
        now: demoNow(today, timeZone),
        timeZone,
        settings: DEFAULT_CLINIC_SETTINGS,
      }),
    );
  }
}
const programs = inputs.reduce((sum, input) => sum + (input.pump?.programs.length ?? 0), 0);
console.log(`${inputs.length} active patients with a pump (${programs} programs on their pumps)\n`);

for (let round = 1; round <= rounds; round++) {
  console.log(`Round ${round}`);
  const projection = inputs.map((input) => {
    const pump = input.pump;
    if (!pump) return 0;
    return time(() =>
      projectReservoir({
        lastRefill: pump.lastRefill,
        programs: pump.programs,
        alarmVolumeMl: alarmVolumeOf(pump),
        timeZone: input.timeZone,
      }),
    ).microseconds;
  });
  const projectionMedian = describe('projectReservoir', projection);
  const assessments = inputs.map((input) => time(() => assessPatient(input)));
  const assessMedian = describe(
    'assessPatient',
    assessments.map((entry) => entry.microseconds),
  );
  const worklist = time(() =>
    inputs.map((input) => assessPatient(input).priority).sort(compareWorklistPriority),
  );
  console.log(
    `${'worklist (assess all + sort)'.padEnd(34)} ${(worklist.microseconds / 1000).toFixed(0)} ms for ${
      inputs.length
    } patients (${(worklist.microseconds / inputs.length).toFixed(1)} µs each)`,
  );
  console.log(
    `ratios: assessPatient / projectReservoir ${(assessMedian / projectionMedian).toFixed(1)}×; ` +
      `worklist per patient / assessPatient p50 ${(worklist.microseconds / inputs.length / assessMedian).toFixed(2)}×\n`,
  );
}
