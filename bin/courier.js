#!/usr/bin/env node
// The compiled CLI lives in dist/, bundled into dist/bundle/ (scripts/bundle.js): `npm install` compiles and
// bundles it (the prepare script), as do `npm run build` (what a host runs before pruning the dev dependencies)
// and `npm test`. Starting never compiles.
// This file is the only place that binds the console, the environment, the clocks, signals and exit.
// It is CommonJS (bin/package.json) so that its first lines run before anything starts libuv's thread pool: an ES
// module entry is itself read through the pool, which then has its size for good.
'use strict';
const { existsSync } = require('node:fs');
const { availableParallelism, constants } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { performance } = require('node:perf_hooks');

/**
 * libuv's pool compresses every file a build writes (docs/decisions.md, "libuv's pool, one thread a core"):
 * one thread a core, at least two and at most sixteen, unless the operator set UV_THREADPOOL_SIZE. libuv's own
 * default of four put twice as many compressing threads as cores on a two-core host, beside the thread rendering.
 */
if (!process.env.UV_THREADPOOL_SIZE) {
  process.env.UV_THREADPOOL_SIZE = String(Math.min(16, Math.max(2, availableParallelism())));
}

const compiled = join(__dirname, '../dist/bundle/main.js');
if (!existsSync(compiled)) {
  process.stderr.write(
    'courier: not compiled (no dist/): run `npm run build` with the dev dependencies installed ' +
      '(npm ci && npm run build, then npm prune --omit=dev if you like), and start again\n',
  );
  process.exit(1);
}

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

void import(pathToFileURL(compiled).href).then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2), process.env, io);
});
