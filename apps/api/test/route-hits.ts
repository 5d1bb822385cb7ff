import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FastifyInstance } from 'fastify';

// Which routes the integration tests request: every test app (build-test-app.ts) records the route of
// each response, and the route-coverage project, run after the others (vitest `groupOrder`), checks
// that every operation of the OpenAPI document was requested at least once.

/** One folder per vitest run: the main process's pid, which every worker inherits in this variable. */
export const ROUTE_HITS_ENV = 'PUMPDESK_ROUTE_HITS_DIR';

export function routeHitsDirFor(pid: number): string {
  return join(tmpdir(), `pumpdesk-route-hits-${String(pid)}`);
}

/** Records `METHOD /api/route/{param}` for every 2xx response of `app`; written out when it closes. */
export function recordRouteHits(app: FastifyInstance): void {
  const dir = process.env[ROUTE_HITS_ENV];
  if (!dir) return;
  const hits = new Set<string>();
  // Only successful answers count: a route is covered when some test saw it work, not merely refuse.
  app.addHook('onResponse', (request, reply, done) => {
    const url = request.routeOptions.url;
    if (url && reply.statusCode < 300) hits.add(`${request.method} ${url.replace(/:(\w+)/g, '{$1}')}`);
    done();
  });
  app.addHook('onClose', async () => {
    if (hits.size === 0) return;
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${randomBytes(8).toString('hex')}.txt`), [...hits].join('\n'));
  });
}

export async function readRouteHits(dir: string): Promise<Set<string>> {
  const files = await readdir(dir).catch(() => []);
  const hits = new Set<string>();
  for (const file of files) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) if (line) hits.add(line);
  }
  return hits;
}

export async function clearRouteHits(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
