import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type FastifyInstance } from 'fastify';

/**
 * Serves the built web app at `/` (production: one origin, one port). Unknown paths outside `/api`
 * get index.html so that the app's own routes survive a reload; `/api/...` misses stay JSON 404s.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`The web app is not built: ${distDir}/index.html is missing. Run the build first.`);
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // Hashed assets can be cached for a year; index.html must always be revalidated. send's own
    // Cache-Control (`public, max-age=0`) is off: it would overwrite the one set here.
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}

export function isWebAppRoute(method: string, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !url.startsWith('/api/') && url !== '/api';
}
