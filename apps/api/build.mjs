// Bundles the API for production: our workspace packages (TypeScript source) are compiled into
// dist/server.js; every npm dependency stays external and is loaded from node_modules at run time
// (PGlite and Prisma's runtime load their own wasm files relative to their package, and
// @fastify/swagger-ui serves Swagger UI's scripts and stylesheets from its own static/ folder).
import { copyFileSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@pumpdesk/'));

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: external.flatMap((name) => [name, `${name}/*`]),
  logLevel: 'info',
});

// Data files read at run time next to the module that reads them (see src/auth/common-passwords.ts).
copyFileSync('src/auth/common-passwords.txt', 'dist/common-passwords.txt');
