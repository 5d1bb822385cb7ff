import { deleteExpiredIdempotencyKeys, deleteExpiredSignInThrottles } from '@pumpdesk/db';
import { type FastifyInstance } from 'fastify';

// Rows that only matter for a while: idempotency keys past their lifetime, sign-in counters past
// their window and known sign-in addresses after 30 days. Deleted hourly (and once at start) by
// whichever instance runs; the deletes are idempotent, so several instances doing it is harmless.
// Sessions and audit events stay.

const EVERY_MS = 60 * 60 * 1000;

export function startHousekeeping(app: FastifyInstance): void {
  const run = async (): Promise<void> => {
    try {
      const now = app.clock();
      await deleteExpiredIdempotencyKeys(app.database.prisma, now);
      await deleteExpiredSignInThrottles(app.database.prisma, now);
    } catch (error) {
      app.log.warn({ err: { name: (error as Error).name } }, 'housekeeping failed; retried next hour');
    }
  };
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });
}
