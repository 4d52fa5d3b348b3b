import type { YAMLException } from 'js-yaml';
import { KEY_LINE, keyPath } from './yaml-key-path.js';

/** What a problem says, before it is told which file it is in. */
export interface Slip {
  readonly field: string;
  readonly message: string;
}

/** Characters that mean something to YAML at the start of a value: written as text, they must be quoted. */
const RESERVED_START = /^[@`%!*&|>[{]/;
/** The parser's reasons that a slip in the line's value gives (and no other fault of the line). */
const SLIP_REASONS = new RegExp(
  [
    'bad indentation of a mapping entry',
    'end of the stream or a document separator',
    'unidentified alias',
    'unknown tag',
    'a line break is expected',
  ]
    .map((reason) => `^${reason}`)
    .join('|'),
);

/**
 * The parser's refusal told as a problem; the commonest slips (a colon or a quote inside a value, a value
 * starting with "@" or a backtick, a tab in the indentation, a list mixed with fields) also say the fix.
 * `lines` are the YAML's lines; its line 0 is the file's line `firstLine`.
 */
export function explainYamlError(error: YAMLException, lines: readonly string[], firstLine: number): Slip {
  // The type promises a mark; the parser leaves it out when it cannot place the error (our alias refusal).
  const { reason, mark } = error as Omit<YAMLException, 'mark'> & Partial<Pick<YAMLException, 'mark'>>;
  if (mark === undefined) return { field: '(front matter)', message: `expected valid YAML, found ${reason}` };
  const index = mark.line;
  const at = `at line ${index + firstLine}`;
  const generic: Slip = { field: '(front matter)', message: `expected valid YAML, found ${reason} ${at}` };
  const line = lines[index] ?? '';
  const found = (field: string, what: string) => ({ field, message: `expected valid YAML, found ${what}` });
  if (reason.startsWith('tab characters')) {
    return found(keyPath(lines, index) ?? '(front matter)', `a tab in the indentation ${at}; indent with spaces`);
  }
  const entry = KEY_LINE.exec(line);
  const [, indent = '', dashes = '', key = '', value = ''] = entry ?? [];
  const slip = SLIP_REASONS.test(reason);
  if (entry && value && slip) {
    const field = keyPath(lines, index) ?? key;
    const fix = `${key}: ${quote(unquoted(value))}`;
    const quoted = value.startsWith('"') || value.startsWith("'");
    if (quoted && textAfterClosingQuote(value)) {
      const why = `a quote inside a value quoted with it ends the value`;
      return found(field, `text after the closing quote of the value ${at}; ${why}: write it as ${fix}`);
    }
    if (!quoted && RESERVED_START.test(value)) {
      const what = `a value starting with "${value.charAt(0)}" ${at}, which YAML reserves`;
      return found(field, `${what}; quote the value: ${fix}`);
    }
    if (!quoted && /:(?: |$)/.test(value)) {
      return found(field, `a colon inside the value ${at}, which YAML reads as a new field; quote the value: ${fix}`);
    }
  }
  if (/^ *- /.test(line) && reason.startsWith('end of the stream')) {
    const where = 'put the items of a list right under their field, with no other field between them';
    return found('(front matter)', `a "- " list item ${at} that belongs to no list; ${where}`);
  }
  if (entry && dashes === '' && slip && amongListItems(lines, index, indent.length)) {
    const where = 'indent it under the item it belongs to, or move it out of the list';
    return found('(front matter)', `the field "${key}" ${at} among the "- " items of a list; ${where}`);
  }
  return generic;
}

/** Whether the last line above `index` at the same indentation or less is a "- " item at that indentation. */
function amongListItems(lines: readonly string[], index: number, indent: number): boolean {
  for (let at = index - 1; at >= 0; at -= 1) {
    const line = lines[at] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const own = line.length - line.trimStart().length;
    if (own > indent) continue;
    return own === indent && line.trimStart().startsWith('- ');
  }
  return false;
}

/** Whether a quoted value goes on after its closing quote (a comment aside), as 'Biden's visit' does. */
function textAfterClosingQuote(value: string): boolean {
  const mark = value.charAt(0);
  let at = 1;
  while (at < value.length) {
    const char = value.charAt(at);
    if (mark === '"' && char === '\\') at += 2;
    else if (char === mark && mark === "'" && value.charAt(at + 1) === "'") at += 2;
    else if (char === mark) break;
    else at += 1;
  }
  const rest = value.slice(at + 1).trim();
  return at < value.length && rest !== '' && !rest.startsWith('#');
}

/** A value as it was meant, without the quotes it was (wrongly) written in. */
function unquoted(value: string): string {
  const [first] = value;
  return value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first) ? value.slice(1, -1) : value;
}

/** Text quoted for YAML: in double quotes, else single, else double with escapes. */
export function quote(text: string): string {
  if (!/["\\]/.test(text)) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return JSON.stringify(text);
}
