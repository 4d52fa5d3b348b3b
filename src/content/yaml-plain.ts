import { CORE_SCHEMA, type Type } from 'js-yaml';

/**
 * The front matter most records have, read without the general parser: block mappings of keys and values, lists
 * of values, mappings in mappings, each value on its line (plain, or quoted without escapes). A plain value is
 * typed by js-yaml's own core-schema types (null, booleans, integers, floats), in js-yaml's order, so the data is
 * what js-yaml's load gives. Anything else (comments, flow or block scalars, anchors, tags, escapes, a value over
 * two lines, a duplicate key, odd indentation) gives undefined, and the caller uses js-yaml, which either reads
 * it or says what is wrong. test/content/yaml-plain.test.ts holds the two equal on every form and random mixes.
 */
export function parsePlainYaml(text: string): Record<string, unknown> | undefined {
  if (IMPLICIT === undefined || UNUSUAL.test(text) || NON_PRINTABLE.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const content = raw.trimStart();
    if (content === '') {
      if (raw !== '') return undefined; // a line of spaces alone: left to js-yaml
      continue;
    }
    lines.push({ indent: raw.length - content.length, content });
  }
  if (lines.length === 0 || lines[0]?.indent !== 0) return undefined;
  const reader = { lines, at: 0 };
  const mapping = readMapping(reader, 0);
  return mapping && reader.at === lines.length ? mapping : undefined;
}

interface Line {
  readonly indent: number;
  readonly content: string;
}

interface Reader {
  readonly lines: readonly Line[];
  at: number;
}

const IMPLICIT = implicitTypes();
/** Tabs, carriage returns, comments, byte-order marks and the line breaks js-yaml does not take as such. */
const UNUSUAL = /[\t\r\uFEFF\x85\u2028\u2029]|(?:^|[ \n])#/;
/** js-yaml's own test for characters a YAML stream may not hold (it refuses the whole text). */
const NON_PRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole job
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** A key, then its value after exactly one space (js-yaml keeps a space of some values written after more). */
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (?! )|$)/;
/** A character a plain value may not start with (YAML's indicators), or text it may not hold. */
const NOT_PLAIN = /^[-?:,[\]{}#&*!|>'"%@`]|: | #|:$/;

/** The mapping whose keys are at `indent`, from the reader's line on; undefined when it is not of this form. */
function readMapping(reader: Reader, indent: number): Record<string, unknown> | undefined {
  const mapping: Record<string, unknown> = {};
  for (let line = reader.lines[reader.at]; line && line.indent >= indent; line = reader.lines[reader.at]) {
    const key = line.indent === indent ? KEY.exec(line.content) : null;
    if (!key?.[1] || Object.hasOwn(mapping, key[1]) || !isStringKey(key[1])) return undefined;
    reader.at += 1;
    const rest = line.content.slice(key[0].length);
    const value = rest === '' ? readBlock(reader, indent) : { value: scalar(rest) };
    if (value?.value === undefined) return undefined;
    mapping[key[1]] = value.value;
  }
  return mapping;
}

/** What follows a key with nothing after it: a list, a mapping further in, or nothing (null). */
function readBlock(reader: Reader, indent: number): { value: unknown } | undefined {
  const next = reader.lines[reader.at];
  if (!next || next.indent < indent || (next.indent === indent && !next.content.startsWith('- ')))
    return { value: null };
  if (next.content.startsWith('- ')) return readList(reader, next.indent);
  const mapping = readMapping(reader, next.indent);
  return mapping && { value: mapping };
}

function readList(reader: Reader, indent: number): { value: unknown[] } | undefined {
  const list: unknown[] = [];
  for (let line = reader.lines[reader.at]; line && line.indent >= indent; line = reader.lines[reader.at]) {
    if (line.indent !== indent || !line.content.startsWith('- '))
      return line.indent > indent ? undefined : { value: list };
    const item = scalar(line.content.slice(2));
    if (item === undefined) return undefined;
    list.push(item);
    reader.at += 1;
  }
  return { value: list };
}

/** A value on one line: quoted without escapes (a string), or plain (typed as js-yaml types it); else undefined. */
function scalar(text: string): unknown {
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1);
    if (end < 0 || text.slice(end + 1).trim() !== '' || (quote === '"' && text.includes('\\'))) return undefined;
    return text.slice(1, end);
  }
  // Spaces before or after a plain value: js-yaml keeps some of them, so they are left to it.
  if (text === '' || text.trim() !== text || NOT_PLAIN.test(text)) return undefined;
  for (const type of IMPLICIT ?? []) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** A key is read as a string only when no implicit type takes it (js-yaml turns `true:` into the key "true"). */
function isStringKey(key: string): boolean {
  return key !== '__proto__' && !IMPLICIT?.some((type) => type.resolve(key));
}

/** js-yaml's core-schema implicit types, in its order; undefined (no shortcut) if its schema is not as expected. */
function implicitTypes(): readonly Type[] | undefined {
  const types = (CORE_SCHEMA as unknown as { compiledImplicit?: unknown }).compiledImplicit;
  const usable = (type: unknown): type is Type =>
    typeof (type as Partial<Type>).resolve === 'function' && typeof (type as Partial<Type>).construct === 'function';
  return Array.isArray(types) && types.length === 4 && types.every(usable) ? types : undefined;
}
