import { join } from 'node:path';
import { hashKey, newKey } from '../../src/partners/keys.js';
import { loadPartners, savePartners } from '../../src/partners/registry.js';
import type { TempBuild } from '../helpers/build.js';
import { request, type Reply } from '../helpers/http.js';
import { courier, type Run } from '../cli/courier.js';

/** Gives each named partner of the fixtures a fresh key; returns the keys by partner id. */
export async function issueKeys(build: TempBuild, ids: readonly string[]): Promise<Record<string, string>> {
  const { partners } = await loadPartners(build.content);
  const keys: Record<string, string> = {};
  const withKeys = await Promise.all(
    partners.map(async (partner) => {
      if (!ids.includes(partner.id)) return partner;
      const { key, prefix } = newKey();
      keys[partner.id] = key;
      const hash = await hashKey(key.slice(15));
      return { ...partner, keys: [...partner.keys, { prefix, hash, created: '2026-11-26T12:00:00Z' }] };
    }),
  );
  await savePartners(build.content, withKeys);
  return keys;
}

/**
 * A GET from a client at `from` (a loopback address such as 127.0.0.2: another client, as the server sees it),
 * the path sent exactly as given.
 */
export function pullFrom(
  base: string,
  path: string,
  from: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return request(base, path, { headers, localAddress: from });
}

/** Asks `check` every 100 ms until it is true, for `ms` at most; says whether it came true. */
export async function eventually(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `courier partners …args` on a build's folders, as an operator would run it beside the service. */
export function partnersCommand(build: TempBuild, ...args: string[]): Promise<Run> {
  return courier(['partners', ...args, '--content', build.content, '--out', build.out]);
}

/** The state folder a service over `build` uses: beside the feeds folder. */
export function stateDirOf(build: TempBuild): string {
  return join(build.root, '.courier-state');
}
