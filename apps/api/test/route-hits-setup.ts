import { clearRouteHits, ROUTE_HITS_ENV, routeHitsDirFor } from './route-hits.ts';

/**
 * Vitest global set-up (vitest.config.ts): a fresh folder for this run's route hits, named after the
 * main process and handed to the workers through the environment.
 */
export async function setup(): Promise<void> {
  const dir = routeHitsDirFor(process.pid);
  if (process.env[ROUTE_HITS_ENV] !== dir) {
    await clearRouteHits(dir);
    process.env[ROUTE_HITS_ENV] = dir;
  }
}
