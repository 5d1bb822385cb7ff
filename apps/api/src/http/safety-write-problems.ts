import { type FindingDto } from '@pumpdesk/contracts';
import { IdempotencyKeyReusedError, PumpNotImplantedError, SafetyRefusalError } from '@pumpdesk/db';
import { clinicalWriteProblem } from './clinical-write-problems.ts';
import { HttpProblem, safetyRefusal } from './problem.ts';

/**
 * The dose-program and refill use cases' errors as problems: the engine's refusal → 422 with its
 * finding codes, an explanted pump → 409 PUMP_NOT_IMPLANTED, a reused idempotency key → 422
 * IDEMPOTENCY_KEY_REUSED (422 as in the IETF Idempotency-Key draft: the request conflicts with the
 * one the key was first used for; retrying it cannot succeed). The rest as every clinical write maps
 * them (not found → 404, a field rule → 400 with its path); null leaves it to the central handler.
 */
export function safetyWriteProblem(error: unknown): HttpProblem | null {
  if (error instanceof SafetyRefusalError) {
    const dto = ({ code, severity, message }: FindingDto): FindingDto => ({ code, severity, message });
    return safetyRefusal(error.blocking.map(dto), error.findings.map(dto));
  }
  if (error instanceof PumpNotImplantedError) {
    return new HttpProblem(409, 'PUMP_NOT_IMPLANTED', 'Pump explanted', error.message);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', error.message, [
      { path: 'headers.idempotency-key', message: error.message, code: 'idempotency_key_reused' },
    ]);
  }
  return clinicalWriteProblem(error);
}

/** Runs a use case, turning its errors into problems. */
export async function withSafetyProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw safetyWriteProblem(error) ?? error;
  }
}
