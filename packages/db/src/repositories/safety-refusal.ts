import { type Finding } from '@pumpdesk/domain';

// Refusals of the dose-program and refill writes, for the API to turn into problems (no HTTP here).

/** The engine refused the write (a refusal, or an override-required finding without an override). */
export class SafetyRefusalError extends Error {
  override name = 'SafetyRefusalError';
  constructor(
    readonly blocking: readonly Finding[],
    readonly findings: readonly Finding[],
  ) {
    super(blocking.map((finding) => finding.message).join(' '));
  }
}

/** An explanted pump takes no new program or refill. */
export class PumpNotImplantedError extends Error {
  override name = 'PumpNotImplantedError';
  constructor(readonly pumpId: string) {
    super(`Pump ${pumpId} is explanted: it takes no new program or refill.`);
  }
}
