import type { Problem } from './problem.js';
import { codePointName, removeControls, type RemovedFromLine } from './text.js';
import { parseYaml } from './yaml.js';
import { commentSlips } from './yaml-comment-slips.js';
import { keyPath } from './yaml-key-path.js';
import { explainYamlError, type Slip } from './yaml-slips.js';

export type FrontMatter =
  { ok: true; data: unknown; body: string; warnings: Problem[] } | { ok: false; problems: Problem[] };

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;
/** The YAML's first line is the file's second, after the opening "---". */
const FIRST_LINE = 2;

/**
 * Splits "---\nYAML\n---\nMarkdown" (BOM and CRLF already removed) and parses the YAML strictly. Control
 * characters the parser would refuse the whole record for are removed first, each line's with a warning;
 * text that YAML silently reads as a comment is warned about too.
 */
export function splitFrontMatter(text: string, file: string): FrontMatter {
  const parts = frontMatterParts(text);
  if ('message' in parts) return { ok: false, problems: [{ file, field: '(front matter)', message: parts.message }] };
  const cleaned = removeControls(parts.yaml);
  const lines = cleaned.text.split('\n');
  const warning = ({ field, message }: Slip): Problem => ({ file, field, message, severity: 'warning' });
  const warnings = cleaned.removed.map((removed) => warning(removedControls(removed, lines)));
  const yaml = parseYaml(cleaned.text, file);
  if (!yaml.ok) {
    return { ok: false, problems: [...warnings, { file, ...explainYamlError(yaml.error, lines, FIRST_LINE) }] };
  }
  warnings.push(...commentSlips(lines, FIRST_LINE).map(warning));
  return { ok: true, data: yaml.data, body: parts.body, warnings };
}

/** "removed the control characters U+0007 (BEL) and U+001B (ESC) at line 3", in the field of that line. */
function removedControls({ line, chars }: RemovedFromLine, lines: readonly string[]): Slip {
  const names = chars.map(codePointName);
  const last = names.pop() ?? '';
  const listed = names.length === 0 ? `character ${last}` : `characters ${names.join(', ')} and ${last}`;
  const field = keyPath(lines, line) ?? '(front matter)';
  return { field, message: `removed the control ${listed} at line ${line + FIRST_LINE}` };
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
