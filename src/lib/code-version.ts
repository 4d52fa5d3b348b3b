import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isErrnoException } from './errors.js';
import { folderDigest } from './folder-digest.js';
import { courierPackageFolder, courierVersion } from './version.js';

/** The compiled code that runs: the bundle's folder, or dist/src/ for the modules as tsc leaves them (tests). */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CODE_FOLDER = HERE.replace(/\/src\/lib\/$/, '/src/');

let running: string | undefined;

/**
 * Courier's version and a digest of the code that runs, what the caches on disk (parse cache, feed, page and
 * archive keys) are kept for: a deploy that changes how feeds are rendered or records parsed, in Courier or in
 * a package it uses, finds none of what an older build left, whatever package.json's version says.
 */
export function runningCodeVersion(): string {
  running ??= codeVersion(courierVersion(), CODE_FOLDER, join(courierPackageFolder(), 'node_modules'));
  return running;
}

/**
 * `version`, then a digest of the contents of every file under `codeFolder` and of npm's record of the packages
 * installed in `modulesFolder` (its hidden lock file): the same for the same code, however often it is compiled
 * or installed again.
 */
export function codeVersion(version: string, codeFolder: string, modulesFolder: string): string {
  const code = folderDigest(codeFolder, { hidden: false, contents: true });
  const installed = readIfThere(join(modulesFolder, '.package-lock.json'));
  const digest = createHash('sha256').update(`${code}\n`).update(installed).digest('hex');
  return `${version}+${digest.slice(0, 16)}`;
}

function readIfThere(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}
