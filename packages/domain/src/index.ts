// The domain package's public surface: pure clinical rules, no I/O and no clock.
export * from './calendar-date.ts';
export * from './refill-math.ts';
