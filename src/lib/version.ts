import { readFileSync } from 'node:fs';

/**
 * Courier's version, from its package.json (three folders up from dist/src/lib/version.js): what caches on disk
 * are kept for, so an upgrade never reads what an older version wrote.
 */
export function courierVersion(): string {
  const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}
