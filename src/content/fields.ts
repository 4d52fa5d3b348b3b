import { parseDate } from './dates.js';
import { canonicalLocale } from './language-tag.js';
import { describeValue, type Problem } from './problem.js';
import { squash } from './text.js';
import { toHttpUrl } from './url.js';
import { isMapping } from './yaml.js';

interface Required {
  required?: boolean;
}

/**
 * Reads typed fields out of a parsed YAML mapping. Every read that fails records a problem naming the field,
 * what was expected and what was found, and returns undefined, so one pass reports everything at once.
 */
export class FieldReader {
  readonly problems: Problem[] = [];
  private readonly data: Record<string, unknown>;

  constructor(
    readonly file: string,
    data: unknown,
    private readonly known: readonly string[],
  ) {
    if (isMapping(data)) this.data = data;
    else {
      if (data !== null && data !== undefined) {
        this.fail('(front matter)', `expected a mapping of fields, found ${describeValue(data)}`);
      }
      this.data = {};
    }
  }

  fail(field: string, message: string): undefined {
    this.problems.push({ file: this.file, field, message });
    return undefined;
  }

  has(field: string): boolean {
    return this.data[field] !== undefined && this.data[field] !== null;
  }

  raw(field: string): unknown {
    return this.data[field];
  }

  rejectUnknownFields(): void {
    for (const key of Object.keys(this.data)) {
      if (!this.known.includes(key)) this.fail(key, `unknown field; expected one of ${this.known.join(', ')}`);
    }
  }

  /** The field's value, undefined when absent or null; a required field that is absent is reported. */
  present(field: string, options: Required = {}): unknown {
    const value = this.data[field];
    if ((value === undefined || value === null) && options.required) this.fail(field, 'required; found nothing');
    return value ?? undefined;
  }

  plainText(field: string, options: Required = {}): string | undefined {
    const value = this.present(field, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      return this.fail(field, `expected plain text, found ${describeValue(value)}`);
    }
    const text = squash(String(value));
    if (text !== '') return text;
    return options.required ? this.fail(field, 'expected plain text, found an empty string') : undefined;
  }

  boolean(field: string): boolean | undefined {
    const value = this.present(field);
    if (value === undefined || typeof value === 'boolean') return value;
    return this.fail(field, `expected true or false, found ${describeValue(value)}`);
  }

  oneOf<T extends string>(field: string, choices: readonly T[]): T | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    const choice = choices.find((candidate) => candidate === value);
    if (choice !== undefined) return choice;
    return this.fail(field, `expected one of ${choices.join(', ')}, found ${describeValue(value)}`);
  }

  positiveInteger(field: string, options: Required & { max?: number } = {}): number | undefined {
    const value = this.present(field, options);
    if (value === undefined) return undefined;
    const max = options.max ?? Number.MAX_SAFE_INTEGER;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= max) return value;
    return this.fail(field, `expected a whole number from 1 to ${max}, found ${describeValue(value)}`);
  }

  textList(field: string): string[] | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    const list: unknown[] = Array.isArray(value) ? value : [value];
    const texts: string[] = [];
    for (const entry of list) {
      if (typeof entry !== 'string' && typeof entry !== 'number') {
        const found = `an entry that is ${describeValue(entry)}${hint(entry)}`;
        return this.fail(field, `expected a list of names, found ${found}`);
      }
      const text = squash(String(entry));
      if (text !== '' && !texts.includes(text)) texts.push(text);
    }
    return texts;
  }

  absoluteUrl(field: string, options: Required & { directory?: boolean; base?: string } = {}): string | undefined {
    const value = this.present(field, options);
    if (value === undefined) return undefined;
    const url = toHttpUrl(value, options.base);
    if (url === undefined) {
      const absolute = options.base ? '' : 'absolute ';
      return this.fail(field, `expected an ${absolute}http or https URL, found ${describeValue(value)}`);
    }
    return options.directory && !url.endsWith('/') ? `${url}/` : url;
  }

  language(field: string): string | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    const canonical = typeof value === 'string' ? canonicalLocale(value) : undefined;
    if (canonical !== undefined) return canonical;
    return this.fail(field, `expected a BCP 47 language tag such as "en" or "fa-IR", found ${describeValue(value)}`);
  }

  /** A date-time in ISO 8601 / RFC 3339; one without an offset is read in the given zone. Epoch ms. */
  date(field: string, zone: string, options: Required = {}): number | undefined {
    const value = this.present(field, options);
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' ? parseDate(value.trim(), zone) : undefined;
    if (parsed !== undefined) return parsed;
    return this.fail(
      field,
      `expected a date such as "2026-11-26" or "2026-11-26T09:30:00+04:00", found ${describeValue(value)}`,
    );
  }
}

/** How a name in a list comes to be read as something else: the slips that cause it, and their fix. */
function hint(entry: unknown): string {
  if (entry === null || entry === undefined) {
    return ' (an empty "- ", or a name starting with "#", which YAML reads as a comment: quote it, "#MeToo")';
  }
  const pairs = isMapping(entry) ? Object.entries(entry) : [];
  const [key, value] = pairs[0] ?? [];
  if (pairs.length !== 1 || (typeof value !== 'string' && typeof value !== 'number')) return '';
  return `; a name holding ": " must be quoted: ${JSON.stringify(`${String(key)}: ${String(value)}`)}`;
}
