export * from './enums.ts';
export * from './health.ts';
export * from './patient-detail.ts';
export * from './patients.ts';
export * from './primitives.ts';
export * from './problem.ts';
export * from './settings.ts';
export * from './sites.ts';
