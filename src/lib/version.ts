import { readFileSync } from 'node:fs';
import { isErrnoException } from './errors.js';

/**
 * Courier's version, from its package.json, the nearest one up from this module (dist/src/lib/ when compiled,
 * dist/bundle/ when bundled): what caches on disk are kept for, so an upgrade never reads what an older version
 * wrote.
 */
export function courierVersion(): string {
  const { version } = courierPackage(new URL('.', import.meta.url));
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}

function courierPackage(folder: URL): { name?: unknown; version?: unknown } {
  for (let at = folder; ; at = new URL('..', at)) {
    const text = readPackage(new URL('package.json', at));
    const found = text === undefined ? undefined : (JSON.parse(text) as { name?: unknown; version?: unknown });
    if (found?.name === 'courier') return found;
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
