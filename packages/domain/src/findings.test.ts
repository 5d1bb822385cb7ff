import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareSeverity,
  decideWrite,
  type Finding,
  FINDING_CODES,
  type FindingSeverity,
  SEVERITY_ORDER,
  sortFindings,
} from './findings.ts';

const finding = (
  severity: FindingSeverity,
  message = `${severity} finding`,
  facts?: Finding['facts'],
): Finding => ({
  code: 'TITRATION_LIMIT_EXCEEDED',
  severity,
  message,
  ...(facts ? { facts } : {}),
});

describe('decideWrite', () => {
  it('allows a write with no finding, or only warnings, critical findings and info', () => {
    expect(decideWrite([])).toEqual({ allowed: true, blocking: [], findings: [] });
    const decision = decideWrite([finding('info'), finding('warning'), finding('critical')]);
    expect(decision.allowed).toBe(true);
    expect(decision.blocking).toEqual([]);
    expect(decision.findings.map((f) => f.severity)).toEqual(['critical', 'warning', 'info']);
  });

  it('a refusal always blocks, override or not', () => {
    const refusal = finding('refusal');
    for (const override of [null, { reason: 'Clinically indicated' }]) {
      const decision = decideWrite([refusal, finding('warning')], override);
      expect(decision.allowed).toBe(false);
      expect(decision.blocking).toEqual([refusal]);
    }
  });

  it('an override-required finding blocks without an override', () => {
    const titration = finding('override_required', 'Dose up 45% in 24 h (limit 30%).');
    const decision = decideWrite([titration]);
    expect(decision.allowed).toBe(false);
    expect(decision.blocking).toEqual([titration]);
    expect(decision.findings).toEqual([titration]);
  });

  it('passes with an override giving a reason, kept as a warning that says so', () => {
    const titration = finding('override_required', 'Dose up 45% in 24 h (limit 30%).', { percent: 45 });
    const decision = decideWrite([titration], { reason: '  Severe spasms after the fall  ' });
    expect(decision.allowed).toBe(true);
    expect(decision.blocking).toEqual([]);
    expect(decision.findings).toEqual([
      {
        code: 'TITRATION_LIMIT_EXCEEDED',
        severity: 'warning',
        message: 'Dose up 45% in 24 h (limit 30%). Overridden by the physician: Severe spasms after the fall',
        facts: { percent: 45, overridden: true },
      },
    ]);
    // The input is not modified.
    expect(titration.severity).toBe('override_required');
  });

  it('a blank reason is no override', () => {
    for (const reason of ['', '   ', '\n\t']) {
      const decision = decideWrite([finding('override_required')], { reason });
      expect(decision.allowed).toBe(false);
      expect(decision.blocking.map((f) => f.severity)).toEqual(['override_required']);
    }
  });

  it('an override does not lift a refusal next to an override-required finding', () => {
    const decision = decideWrite([finding('override_required'), finding('refusal')], { reason: 'Intended' });
    expect(decision.allowed).toBe(false);
    expect(decision.blocking.map((f) => f.severity)).toEqual(['refusal']);
    expect(decision.findings.map((f) => f.severity)).toEqual(['refusal', 'warning']);
  });
});

describe('sortFindings', () => {
  it('most serious first', () => {
    expect(SEVERITY_ORDER).toEqual(['refusal', 'override_required', 'critical', 'warning', 'info']);
    const input = (['info', 'critical', 'refusal', 'warning', 'override_required'] as const).map((s) =>
      finding(s),
    );
    expect(sortFindings(input).map((f) => f.severity)).toEqual([...SEVERITY_ORDER]);
    expect(compareSeverity('critical', 'warning')).toBeLessThan(0);
    expect(compareSeverity('warning', 'warning')).toBe(0);
  });

  it('is stable and does not modify its input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            severity: fc.constantFrom(...SEVERITY_ORDER),
            code: fc.constantFrom(...FINDING_CODES),
          }),
          {
            maxLength: 30,
          },
        ),
        (specs) => {
          const input: Finding[] = specs.map((spec, i) => ({ ...spec, message: `#${i}` }));
          const copy = [...input];
          const result = sortFindings(input);
          expect(input).toEqual(copy);
          expect(result).toHaveLength(input.length);
          for (let i = 1; i < result.length; i += 1) {
            const [a, b] = [result[i - 1], result[i]];
            if (!a || !b) continue;
            const order = compareSeverity(a.severity, b.severity);
            expect(order).toBeLessThanOrEqual(0);
            if (order === 0) expect(Number(a.message.slice(1))).toBeLessThan(Number(b.message.slice(1)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
