import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { withContext } from '../lib/errors.js';
import { parsePlainYaml } from './yaml-plain.js';

/** Parsed YAML, or the parser's refusal of the text, which the caller reports as a problem of the file. */
export type ParsedYaml = { ok: true; data: unknown } | { ok: false; error: YAMLException };

/**
 * Parses YAML with the core schema: no implicit timestamps (a date stays the string we read in the site's
 * zone), no custom tags, duplicate keys refused. Anchors and aliases have no use in our files and are how
 * "billion laughs" documents grow, so any collection reached twice is refused as an alias.
 */
export function parseYaml(text: string, filename: string): ParsedYaml {
  const plain = parsePlainYaml(text);
  if (plain !== undefined) return { ok: true, data: plain };
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA, filename });
  } catch (error) {
    // A YAMLException is the parser refusing this text: the file's problem, handed back to be reported.
    if (error instanceof YAMLException) return { ok: false, error };
    throw withContext(`parsing ${filename} as YAML`, error);
  }
  if (reachedTwice(data, new Set())) {
    return { ok: false, error: new YAMLException('an alias (*name); anchors and aliases are not allowed') };
  }
  return { ok: true, data };
}

/** Whether a parsed value is a mapping (not a list, not a scalar), whose fields can be read by name. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function reachedTwice(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (seen.has(value)) return true;
  seen.add(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    if (reachedTwice(child, seen)) return true;
  }
  return false;
}
