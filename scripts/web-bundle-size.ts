// The JavaScript (and CSS) each screen of the built web app needs, gzip-compressed as the browser
// downloads it: the entry chunk with its static imports (everything before any screen: sign-in, the
// layout, the router), then per screen its lazy chunk and what that chunk imports beyond the entry.
// The budget is the first screen's JavaScript: at most 300 kB gzip.
//
//   pnpm --filter @pumpdesk/web build && pnpm size:web [--dist apps/web/dist] [--budget-kb 300]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { findRepoRoot } from '@pumpdesk/db';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: join(findRepoRoot(), 'apps', 'web', 'dist') },
    'budget-kb': { type: 'string', default: '300' },
  },
});
const distDir = values.dist;
const budgetBytes = Number(values['budget-kb']) * 1000;
const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;

const gzipCache = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string): { raw: number; gzip: number } {
  const cached = gzipCache.get(file);
  if (cached) return cached;
  const bytes = readFileSync(join(distDir, file));
  const size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  gzipCache.set(file, size);
  return size;
}

/** The files a chunk loads before it runs: itself and its static imports, transitively. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

function filesOf(keys: Iterable<string>): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
  }
  return { js: [...js], css: [...css] };
}

function total(files: readonly string[]): { raw: number; gzip: number } {
  return files.reduce(
    (sum, file) => {
      const size = sizeOf(file);
      return { raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip };
    },
    { raw: 0, gzip: 0 },
  );
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entryKey) throw new Error('The manifest has no entry chunk: is this a Vite build with manifest: true?');
const entryKeys = staticClosure(entryKey);
const entry = filesOf(entryKeys);
const entryJs = total(entry.js);

const rows: { screen: string; jsGzip: number; jsRaw: number; cssGzip: number; total: number }[] = [];
rows.push({
  screen: '(entry: sign-in, layout, router)',
  jsGzip: entryJs.gzip,
  jsRaw: entryJs.raw,
  cssGzip: total(entry.css).gzip,
  total: entryJs.gzip,
});
const screens = Object.keys(manifest)
  .filter((key) => manifest[key]?.isDynamicEntry && key.includes('/app/routes/'))
  .sort();
for (const key of screens) {
  const own = [...staticClosure(key)].filter((chunkKey) => !entryKeys.has(chunkKey));
  const files = filesOf(own);
  const js = total(files.js);
  rows.push({
    screen: key.replace(/^.*\/app\/routes\//, '').replace(/\.tsx$/, ''),
    jsGzip: js.gzip,
    jsRaw: js.raw,
    cssGzip: total(files.css).gzip,
    total: entryJs.gzip + js.gzip,
  });
}

console.log(
  'JavaScript per screen, gzip level 9 (what a screen loads beyond the entry; total = entry + screen)\n',
);
console.log('| screen | JS gzip | JS raw | CSS gzip | first-visit JS gzip |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) {
  console.log(
    `| ${row.screen} | ${kb(row.jsGzip)} | ${kb(row.jsRaw)} | ${kb(row.cssGzip)} | ${kb(row.total)} |`,
  );
}
const worst = rows.reduce((max, row) => (row.total > max.total ? row : max));
console.log(
  `\nLargest first visit: ${worst.screen} at ${kb(worst.total)} gzip (budget ${kb(budgetBytes)}: ${
    worst.total <= budgetBytes ? 'within' : 'OVER'
  }).`,
);
