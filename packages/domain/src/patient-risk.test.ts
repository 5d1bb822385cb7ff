import { describe, expect, it } from 'vitest';
import { isInjuryAtOrAboveT6, withdrawalRisk } from './patient-risk.ts';

describe('withdrawalRisk', () => {
  it('is not high-risk without any factor', () => {
    expect(withdrawalRisk({ highRisk: false, injuryAtOrAboveT6: false, cannotCommunicate: false })).toEqual({
      highRisk: false,
      reasons: [],
      message: null,
    });
  });

  it('names each factor', () => {
    expect(withdrawalRisk({ highRisk: true, injuryAtOrAboveT6: false, cannotCommunicate: false })).toEqual({
      highRisk: true,
      reasons: ['flagged'],
      message: 'High withdrawal risk: flagged high-risk by a clinician.',
    });
    expect(
      withdrawalRisk({ highRisk: false, injuryAtOrAboveT6: true, cannotCommunicate: false }).message,
    ).toBe('High withdrawal risk: spinal cord injury at or above T6.');
    expect(
      withdrawalRisk({ highRisk: false, injuryAtOrAboveT6: false, cannotCommunicate: true }).message,
    ).toBe('High withdrawal risk: cannot report withdrawal symptoms.');
  });

  it('lists every factor present, in a fixed order', () => {
    expect(withdrawalRisk({ highRisk: true, injuryAtOrAboveT6: true, cannotCommunicate: true })).toEqual({
      highRisk: true,
      reasons: ['flagged', 'injury_at_or_above_t6', 'cannot_communicate'],
      message:
        'High withdrawal risk: flagged high-risk by a clinician; spinal cord injury at or above T6; ' +
        'cannot report withdrawal symptoms.',
    });
    expect(
      withdrawalRisk({ highRisk: false, injuryAtOrAboveT6: true, cannotCommunicate: true }).reasons,
    ).toEqual(['injury_at_or_above_t6', 'cannot_communicate']);
  });
});

describe('isInjuryAtOrAboveT6', () => {
  const levels = (segment: string, to: number) => Array.from({ length: to }, (_, i) => `${segment}${i + 1}`);

  it('every cervical level C1–C8 is at or above T6', () => {
    for (const level of levels('C', 8)) expect(isInjuryAtOrAboveT6(level), level).toBe(true);
  });

  it('T1–T6 are, T7–T12 are not', () => {
    for (const level of levels('T', 6)) expect(isInjuryAtOrAboveT6(level), level).toBe(true);
    for (const level of levels('T', 12).slice(6)) expect(isInjuryAtOrAboveT6(level), level).toBe(false);
  });

  it('lumbar L1–L5 and sacral S1–S5 are not', () => {
    for (const level of [...levels('L', 5), ...levels('S', 5)])
      expect(isInjuryAtOrAboveT6(level), level).toBe(false);
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(isInjuryAtOrAboveT6(' t4 ')).toBe(true);
    expect(isInjuryAtOrAboveT6('c5')).toBe(true);
    expect(isInjuryAtOrAboveT6('l2')).toBe(false);
  });

  it('is null for a text that is not a level', () => {
    for (const text of [
      'T13',
      'X1',
      '',
      'C0',
      'C9',
      'T0',
      'L6',
      'S6',
      'T',
      '6',
      'T6A',
      'T-6',
      'T 6',
      'T100',
    ]) {
      expect(isInjuryAtOrAboveT6(text), JSON.stringify(text)).toBeNull();
    }
  });
});
