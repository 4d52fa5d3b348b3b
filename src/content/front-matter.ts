import type { YAMLException } from 'js-yaml';
import { parseYaml } from './yaml.js';

export type FrontMatter =
  | { ok: true; data: unknown; body: string }
  | { ok: false; field: string; message: string };

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits "---\nYAML\n---\nMarkdown" (BOM and CRLF already removed) and parses the YAML strictly. */
export function splitFrontMatter(text: string, file: string): FrontMatter {
  const parts = frontMatterParts(text);
  if ('message' in parts) return { ok: false, field: '(front matter)', message: parts.message };
  const yaml = parseYaml(parts.yaml, file);
  if (!yaml.ok) {
    return { ok: false, field: '(front matter)', message: `expected valid YAML, found ${describe(yaml.error)}` };
  }
  return { ok: true, data: yaml.data, body: parts.body };
}

/** "duplicated mapping key at line 3" with the line counted in the file, not in the YAML block. */
function describe(error: YAMLException): string {
  // The type promises a mark; the parser leaves it out when it cannot place the error (our alias refusal).
  const { reason, mark } = error as Omit<YAMLException, 'mark'> & Partial<Pick<YAMLException, 'mark'>>;
  const line = mark?.line;
  return line === undefined ? reason : `${reason} at line ${line + 2}`;
}

/** The Markdown after the front matter of a record already known to be valid. */
export function bodyAfterFrontMatter(text: string): string {
  const parts = frontMatterParts(text);
  return 'body' in parts ? parts.body : '';
}

function frontMatterParts(text: string): { yaml: string; body: string } | { message: string } {
  const opening = OPENING.exec(text);
  if (!opening) {
    return { message: `expected the file to start with a "---" line, found ${JSON.stringify(text.slice(0, 20))}` };
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return { message: 'expected a closing "---" line, found none' };
  return { yaml: rest.slice(0, closing.index), body: rest.slice(closing.index + closing[0].length).replace(/^\n/, '') };
}
