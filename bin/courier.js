#!/usr/bin/env node
// The compiled CLI lives in dist/, bundled into dist/bundle/ (scripts/bundle.js): `npm install` compiles and
// bundles it (the prepare script), as do `npm run build` (what a host runs before pruning the dev dependencies)
// and `npm test`. Starting never compiles.
// This file is the only place that binds the console, the environment, the clocks, signals and exit.
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';

const compiled = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write(
    'courier: not compiled (no dist/): run `npm run build` with the dev dependencies installed ' +
      '(npm ci && npm run build, then npm prune --omit=dev if you like), and start again\n',
  );
  process.exit(1);
}
const { main } = await import(compiled.href);

/**
 * `courier serve` runs until SIGINT or SIGTERM, then shuts the service down gracefully (bounded by
 * COURIER_SHUTDOWN_TIMEOUT; it logs one line) and exits 0. A second signal exits at once, 128 + its number.
 */
function stopOnSignal(close) {
  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      process.stderr.write(`courier: ${signal} again, exiting without waiting\n`);
      process.exit(128 + constants.signals[signal]);
    }
    stopping = true;
    close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`courier: could not shut down cleanly: ${error?.stack ?? error}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const io = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  now: () => Date.now(),
  elapsed: () => performance.now(),
  terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
  serving: stopOnSignal,
  ownsProcess: true,
};

process.exitCode = await main(process.argv.slice(2), process.env, io);
