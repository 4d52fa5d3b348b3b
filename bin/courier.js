#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm run build:ts` (run by `npm start` and `npm test`) produces it.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), process.env);
