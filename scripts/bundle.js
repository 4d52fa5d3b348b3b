// Bundles the compiled CLI (dist/src) into dist/bundle: what bin/courier.js runs. A new Node process spends
// about 1 ms on each ES module it loads; `courier build` loaded about a hundred of ours, a quarter of a build
// with nothing changed at 1,000 records (bench/README.md). Bundled, they are a few files, loaded as before:
// each command's module on demand (split chunks), the packages from node_modules as they are (external).
// Each worker thread's entry is an entry point of its own, named as its source is, in the bundle's one folder,
// so `new URL('./body-worker.js', import.meta.url)` finds it from a chunk as it does in dist/src.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLE_DIR = 'dist/bundle';

const ENTRY_POINTS = [
  'dist/src/cli/main.js',
  'dist/src/content/record-worker.js',
  'dist/src/content/body-worker.js',
  'dist/src/content/survey-worker.js',
  'dist/src/service/build-worker-entry.js',
  'dist/src/service/watch-worker.js',
];

rmSync(BUNDLE_DIR, { recursive: true, force: true });
await build({
  entryPoints: ENTRY_POINTS,
  outdir: BUNDLE_DIR,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
