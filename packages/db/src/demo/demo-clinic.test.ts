import { parseCalendarDate, toCalendarDate } from '@pumpdesk/domain';
import { describe, expect, it } from 'vitest';
import { generateDemoPatients, planStaff } from './demo-clinic.ts';
import { addToSummary, emptySummary, FLAGGED_STATES } from './demo-summary.ts';
import { type DemoPumpModel, type PatientRecords } from './patient-records.ts';
import { pumpCatalogue } from './pump-catalogue.ts';

const today = parseCalendarDate('2026-11-25');
const models: DemoPumpModel[] = pumpCatalogue.map((m, i) => ({ ...m, id: `model-${String(i)}` }));
const modelsById = new Map(models.map((m) => [m.id, m]));

function generate(patients: number, seed = 7, day = today): PatientRecords[] {
  const staff = planStaff(seed);
  return [...generateDemoPatients({ patients, seed, today: day }, staff, models)];
}

function summarise(records: PatientRecords[], seed = 7, day = today) {
  const staff = planStaff(seed);
  const summary = emptySummary();
  for (const r of records) {
    const site = staff.sites.find((s) => s.id === r.patient.siteId);
    if (site) addToSummary(summary, r, { today: day, site, models: modelsById });
  }
  return summary;
}

describe('the demo clinic generator', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    expect(JSON.stringify(generate(30))).toBe(JSON.stringify(generate(30)));
    expect(JSON.stringify(generate(30, 8))).not.toBe(JSON.stringify(generate(30)));
  });

  it.each([60, 250])('puts patients in every flagged state today with %i patients', (patients) => {
    const summary = summarise(generate(patients));
    for (const state of FLAGGED_STATES) expect(summary.states[state], state).toBeGreaterThan(0);
    expect(summary.patients).toBe(patients);
  });

  it('keeps every state whatever the day it is built for', () => {
    for (const day of ['2027-03-28', '2028-02-29', '2026-12-31'].map(parseCalendarDate)) {
      const summary = summarise(generate(60, 7, day), 7, day);
      for (const state of FLAGGED_STATES)
        expect(summary.states[state], `${state} on ${day}`).toBeGreaterThan(0);
    }
  });

  describe('is clinically consistent', () => {
    const records = generate(250);
    const refillsByPump = new Map<string, PatientRecords['refills']>();
    for (const r of records)
      for (const refill of r.refills)
        refillsByPump.set(refill.pumpId, [...(refillsByPump.get(refill.pumpId) ?? []), refill]);
    const pumps = records.flatMap((r) => r.pumps);
    const programs = records.flatMap((r) => r.programs);

    it('never leaves the drug in a pump longer than 180 days between refills', () => {
      for (const refills of refillsByPump.values()) {
        for (let i = 1; i < refills.length; i++) {
          const gapDays =
            (new Date(refills[i]?.performedAt ?? 0).getTime() -
              new Date(refills[i - 1]?.performedAt ?? 0).getTime()) /
            86_400_000;
          expect(gapDays).toBeLessThanOrEqual(181);
          expect(gapDays).toBeGreaterThan(0);
        }
      }
    });

    it('fills within the reservoir, with the concentration of the program in force', () => {
      for (const pump of pumps) {
        const model = modelsById.get(pump.modelId);
        const pumpPrograms = programs.filter((p) => p.pumpId === pump.id);
        for (const refill of refillsByPump.get(pump.id ?? '') ?? []) {
          expect(Number(refill.reservoirVolumeAfterMl)).toBeLessThanOrEqual(model?.reservoirMl ?? 0);
          const inForce = pumpPrograms
            .filter((p) => new Date(p.effectiveFrom) <= new Date(refill.performedAt))
            .at(-1);
          expect(inForce, 'a program is in force at every refill').toBeDefined();
          expect(Number(refill.concentrationMcgPerMl)).toBe(Number(inForce?.concentrationMcgPerMl));
        }
      }
    });

    it('keeps pumps and catheters in order: explant after implant, one implanted pump per patient', () => {
      for (const r of records) {
        expect(r.pumps.filter((p) => p.status === 'implanted').length).toBeLessThanOrEqual(1);
        for (const pump of r.pumps) {
          if (pump.explantDate) expect(new Date(pump.explantDate) >= new Date(pump.implantDate)).toBe(true);
          expect(pump.status === 'explanted').toBe(
            pump.explantDate !== null && pump.explantDate !== undefined,
          );
        }
      }
    });

    it('records Penn severity exactly when there are spasms, and titrates within practice unless overridden', () => {
      for (const visit of records.flatMap((r) => r.visits)) {
        expect(visit.pennSeverity === null).toBe(visit.pennFrequency === 0);
      }
      for (const r of records) {
        const limit = r.patient.spasticityOrigin === 'spinal' && r.patient.ageGroup === 'adult' ? 0.3 : 0.15;
        for (const pump of r.pumps) {
          const list = r.programs.filter((p) => p.pumpId === pump.id);
          for (let i = 1; i < list.length; i++) {
            const before = Number(list[i - 1]?.dailyDoseMcg);
            const after = Number(list[i]?.dailyDoseMcg);
            if (!list[i]?.titrationOverride) expect(after / before).toBeLessThanOrEqual(1 + limit + 1e-9);
          }
        }
      }
    });

    it('stores each refill due date no earlier than its refill day', () => {
      for (const refill of records.flatMap((r) => r.refills)) {
        const due = toCalendarDate(new Date(refill.dueDateSnapshot ?? 0));
        expect(new Date(`${due}T23:59:59Z`) >= new Date(refill.performedAt)).toBe(true);
      }
    });
  });
});
