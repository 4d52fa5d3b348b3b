import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';

/**
 * Parses YAML with the core schema: no implicit timestamps (a date stays the string we read in the site's
 * zone), no custom tags, duplicate keys refused. Anchors and aliases have no use in our files and are how
 * "billion laughs" documents grow, so any collection reached twice is refused as an alias.
 */
export function parseYaml(text: string, filename: string): unknown {
  const data = load(text, { schema: CORE_SCHEMA, filename });
  if (reachedTwice(data, new Set())) {
    throw new YAMLException('an alias (*name); anchors and aliases are not allowed');
  }
  return data;
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
