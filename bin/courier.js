#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm run build:ts` (run by `npm start` and `npm test`) produces it.
// This file is the only place that binds the console, the environment, the clock, signals and exit.
import { main } from '../dist/src/cli/main.js';

/** `courier serve` runs until SIGINT or SIGTERM, then closes the service and exits 0. */
function stopOnSignal(close) {
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const io = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  now: () => Date.now(),
  serving: stopOnSignal,
};

process.exitCode = await main(process.argv.slice(2), process.env, io);
