#!/usr/bin/env node
// Runs `prisma generate` on machines that cannot download Prisma's native schema engine.
//
// Every Prisma CLI command first checks that the schema-engine binary exists and downloads it when it
// does not; on a machine without internet that download fails, even though `generate` never runs the
// engine. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable skips the download. We only do that when
// the real engine is absent, so machines with internet keep Prisma's normal behaviour.
// See docs/decisions/001-offline-migrations.md.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = resolve(here, '..');
const schema = resolve(packageRoot, '../../prisma/schema.prisma');
const require = createRequire(join(packageRoot, 'package.json'));

function realEngineIsPresent() {
  try {
    const enginesDir = dirname(
      require.resolve('@prisma/engines/package.json', {
        paths: [dirname(require.resolve('prisma/package.json'))],
      }),
    );
    return readdirSync(enginesDir).some((name) => name.startsWith('schema-engine-'));
  } catch {
    return false;
  }
}

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !realEngineIsPresent()) {
  const stand_in = join(here, 'offline-schema-engine.sh');
  if (existsSync(stand_in)) chmodSync(stand_in, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stand_in;
}

const prismaCli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema, '--no-hints'], {
  cwd: packageRoot,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
