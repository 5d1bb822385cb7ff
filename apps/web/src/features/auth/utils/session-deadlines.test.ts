import { describe, expect, it } from 'vitest';
import { deadlinesOf, endOf, idleMinutesOf, serverOffsetOf, usedAt } from './session-deadlines.ts';

const MINUTE = 60_000;
const serverNow = Date.parse('2026-03-02T10:00:00.000Z');
const session = {
  idleExpiresAt: new Date(serverNow + 15 * MINUTE).toISOString(),
  absoluteExpiresAt: new Date(serverNow + 12 * 60 * MINUTE).toISOString(),
};

describe('session deadlines', () => {
  it('keeps the idle period as a duration, whatever the browser clock says', () => {
    // The browser clock is 7 minutes slow; the Date header gives the difference.
    const browserNow = serverNow - 7 * MINUTE;
    const offset = serverOffsetOf(new Date(serverNow).toUTCString(), browserNow);
    expect(offset).toBe(7 * MINUTE);
    const deadlines = deadlinesOf(session, browserNow, offset ?? 0);
    expect(deadlines.idlePeriodMs).toBe(15 * MINUTE);
    expect(idleMinutesOf(deadlines)).toBe(15);
    expect(endOf(deadlines)).toEqual({ at: browserNow + 15 * MINUTE, reason: 'idle' });
    expect(deadlines.absoluteEndsAt).toBe(browserNow + 12 * 60 * MINUTE);
  });

  it('starts the idle period again on use, but never past the absolute end', () => {
    const deadlines = deadlinesOf(session, serverNow);
    const used = usedAt(deadlines, serverNow + 10 * MINUTE);
    expect(endOf(used)).toEqual({ at: serverNow + 25 * MINUTE, reason: 'idle' });
    const late = usedAt(deadlines, serverNow + 12 * 60 * MINUTE - 5 * MINUTE);
    expect(endOf(late)).toEqual({ at: serverNow + 12 * 60 * MINUTE, reason: 'absolute' });
  });

  it('ignores a missing or unreadable Date header', () => {
    expect(serverOffsetOf(null, serverNow)).toBeNull();
    expect(serverOffsetOf('yesterday-ish', serverNow)).toBeNull();
  });
});
