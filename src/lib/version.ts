import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isErrnoException } from './errors.js';

/**
 * Courier's version, from its package.json, the nearest one up from this module (dist/src/lib/ when compiled,
 * dist/bundle/ when bundled). The caches on disk are kept for it and a digest of the code (code-version.ts), so
 * that an upgrade, or a deploy of other code under the same version, never reads what an older build wrote.
 */
export function courierVersion(): string {
  const { version } = courierPackage(new URL('.', import.meta.url));
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}

/** The folder of Courier's package.json, the nearest one up from this module. */
export function courierPackageFolder(): string {
  return fileURLToPath(courierPackageAt(new URL('.', import.meta.url)).at);
}

function courierPackage(folder: URL): { name?: unknown; version?: unknown } {
  return courierPackageAt(folder).found;
}

function courierPackageAt(folder: URL): { at: URL; found: { name?: unknown; version?: unknown } } {
  for (let at = folder; ; at = new URL('..', at)) {
    const text = readPackage(new URL('package.json', at));
    const found = text === undefined ? undefined : (JSON.parse(text) as { name?: unknown; version?: unknown });
    if (found?.name === 'courier') return { at, found };
    if (at.pathname === '/') throw new Error(`no package.json of courier above ${folder.pathname}`);
  }
}

function readPackage(url: URL): string | undefined {
  try {
    return readFileSync(url, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}
