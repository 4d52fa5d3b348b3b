import { isMapping } from './yaml.js';

/** How a name in a list comes to be read as something else: the slips that cause it, and their fix. */
export function hint(entry: unknown): string {
  if (entry === null || entry === undefined) {
    return ' (an empty "- ", or a name starting with "#", which YAML reads as a comment: quote it, "#MeToo")';
  }
  const pairs = isMapping(entry) ? Object.entries(entry) : [];
  const [key, value] = pairs[0] ?? [];
  if (pairs.length !== 1 || (typeof value !== 'string' && typeof value !== 'number')) return '';
  return `; a name holding ": " must be quoted: ${JSON.stringify(`${String(key)}: ${String(value)}`)}`;
}
