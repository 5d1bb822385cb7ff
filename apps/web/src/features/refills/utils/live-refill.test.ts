import { describe, expect, it } from 'vitest';
import {
  aRefillPatient,
  aRefillProgram,
  defaultSettingsResponse,
} from '../../../../test/builders/refills.ts';
import { inRecordedOrder } from '@pumpdesk/domain';
import { judgeRefillLive, programRecordInForceAt, refillEngineContext } from './live-refill.ts';
import { emptyRefillForm, parseRefill } from './refill-form.ts';

const pumpId = crypto.randomUUID();
const effectiveFrom = '2026-06-01T09:00:00.000Z';

describe('the programs in the server’s order (the domain’s inRecordedOrder, on API records)', () => {
  it('orders by effectiveFrom, then by when recorded, then by id, whatever order they are listed in', () => {
    const earliest = aRefillProgram(pumpId, { effectiveFrom: '2026-01-01T00:00:00.000Z' });
    const older = aRefillProgram(pumpId, { effectiveFrom, createdAt: '2026-06-01T09:00:00.000Z' });
    const newer = aRefillProgram(pumpId, { effectiveFrom, createdAt: '2026-06-01T09:01:00.000Z' });
    const sameB = aRefillProgram(pumpId, {
      id: '0190a000-0000-7000-8000-00000000000b',
      effectiveFrom,
      createdAt: '2026-06-01T09:02:00.000Z',
    });
    const sameA = aRefillProgram(pumpId, { ...sameB, id: '0190a000-0000-7000-8000-00000000000a' });
    const expected = [earliest, older, newer, sameA, sameB].map((record) => record.id);
    expect(inRecordedOrder([sameB, sameA, newer, older, earliest]).map((record) => record.id)).toEqual(
      expected,
    );
    expect(inRecordedOrder([older, sameA, earliest, sameB, newer]).map((record) => record.id)).toEqual(
      expected,
    );
  });
});

describe('two programs starting at the same instant', () => {
  it('takes the one recorded last as in force, as the server does, though the API lists it first', () => {
    const older = aRefillProgram(pumpId, {
      effectiveFrom,
      createdAt: '2026-06-01T09:00:00.000Z',
      concentrationMcgPerMl: 500,
    });
    const newer = aRefillProgram(pumpId, {
      effectiveFrom,
      createdAt: '2026-06-01T09:01:00.000Z',
      concentrationMcgPerMl: 1000,
    });
    const patient = aRefillPatient(newer);
    if (!patient.currentPump) throw new Error('The builder gives the patient a pump');
    // The dose history comes newest first.
    const context = refillEngineContext(
      patient,
      patient.currentPump,
      [newer, older],
      defaultSettingsResponse().settings,
    );
    const at = new Date('2026-07-01T10:00:00.000Z');
    expect(programRecordInForceAt(context, at)?.id).toBe(newer.id);
    const typed = parseRefill(
      { ...emptyRefillForm(at, 'UTC'), performedAtLocal: '2026-07-01T10:00', concentrationMcgPerMl: '1000' },
      'UTC',
    );
    const judged = judgeRefillLive(context, typed, null, at);
    expect(judged.programConcentrationMcgPerMl).toBe(1000);
    expect(judged.findings.map((finding) => finding.code)).not.toContain('CONCENTRATION_MISMATCH');
  });
});
