import { DateTime } from 'luxon';
import type { Author } from './types.js';
import { parseDate } from './dates.js';
import { describeValue, type Problem } from './problem.js';
import { squash } from './text.js';

interface Required { required?: boolean }

/**
 * Reads typed fields out of a parsed YAML mapping. Every read that fails records a problem naming the field,
 * what was expected and what was found, and returns undefined, so one pass reports everything at once.
 */
export class FieldReader {
  readonly problems: Problem[] = [];
  private readonly data: Record<string, unknown>;

  constructor(readonly file: string, data: unknown, private readonly known: readonly string[]) {
    if (data === null || data === undefined) data = {};
    if (typeof data !== 'object' || Array.isArray(data)) {
      this.fail('(front matter)', `expected a mapping of fields, found ${describeValue(data)}`);
      data = {};
    }
    this.data = data as Record<string, unknown>;
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

  private present(field: string, options: Required): unknown {
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
    if (text === '') return options.required ? this.fail(field, 'expected plain text, found an empty string') : undefined;
    return text;
  }

  boolean(field: string): boolean | undefined {
    const value = this.present(field, {});
    if (value === undefined || typeof value === 'boolean') return value;
    return this.fail(field, `expected true or false, found ${describeValue(value)}`);
  }

  oneOf<T extends string>(field: string, choices: readonly T[]): T | undefined {
    const value = this.present(field, {});
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
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
    const value = this.present(field, {});
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? value : [value];
    const texts: string[] = [];
    for (const entry of list) {
      if (typeof entry !== 'string' && typeof entry !== 'number') {
        return this.fail(field, `expected a list of names, found an entry that is ${describeValue(entry)}`);
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
      return this.fail(field, `expected an ${options.base ? '' : 'absolute '}http or https URL, found ${describeValue(value)}`);
    }
    return options.directory && !url.endsWith('/') ? `${url}/` : url;
  }

  language(field: string): string | undefined {
    const value = this.present(field, {});
    if (value === undefined) return undefined;
    try {
      if (typeof value === 'string') {
        const [canonical] = Intl.getCanonicalLocales(value);
        if (canonical) return canonical;
      }
    } catch { /* reported below */ }
    return this.fail(field, `expected a BCP 47 language tag such as "en" or "fa-IR", found ${describeValue(value)}`);
  }

  timeZone(field: string): string | undefined {
    const value = this.present(field, {});
    if (value === undefined) return undefined;
    if (typeof value === 'string' && DateTime.local().setZone(value).isValid) return value;
    return this.fail(field, `expected an IANA time zone such as "Asia/Muscat" or "UTC", found ${describeValue(value)}`);
  }

  /** A date-time in ISO 8601 / RFC 3339; one without an offset is read in the given zone. Epoch ms. */
  date(field: string, zone: string, options: Required = {}): number | undefined {
    const value = this.present(field, options);
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' ? parseDate(value.trim(), zone) : undefined;
    if (parsed !== undefined) return parsed;
    return this.fail(field, `expected a date such as "2026-11-26" or "2026-11-26T09:30:00+04:00", found ${describeValue(value)}`);
  }

  articleUrlPattern(field: string): string | undefined {
    const value = this.plainText(field);
    if (value === undefined) return undefined;
    if (!value.includes('{slug}')) return this.fail(field, `expected a pattern containing {slug}, found ${describeValue(value)}`);
    return value;
  }

  tagAuthority(field: string, options: Required = {}): string | undefined {
    const value = this.present(field, options);
    if (value === undefined) return undefined;
    if (typeof value === 'string' && /^[a-z0-9.-]+\.[a-z]{2,},\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return value;
    return this.fail(field, `expected a tag URI authority (RFC 4151) such as "news.example,2026", found ${describeValue(value)}`);
  }

  /** Authors as a name, a list of names, or mappings with name, email and url. */
  authors(field: string, base: string | undefined): Author[] | undefined {
    const value = this.present(field, {});
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? value : [value];
    const authors: Author[] = [];
    for (const [index, entry] of list.entries()) {
      const author = this.author(`${field}[${index}]`, entry, base);
      if (author === undefined) return undefined;
      if (!authors.some((known) => known.name === author.name)) authors.push(author);
    }
    return authors.length > 0 ? authors : this.fail(field, 'expected at least one author, found an empty list');
  }

  private author(field: string, entry: unknown, base: string | undefined): Author | undefined {
    if (typeof entry === 'string') {
      const name = squash(entry);
      return name === '' ? this.fail(field, 'expected an author name, found an empty string') : { name };
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      return this.fail(field, `expected a name or a mapping with name, email and url, found ${describeValue(entry)}`);
    }
    const inner = new FieldReader(this.file, entry, ['name', 'email', 'url']);
    const name = inner.plainText('name', { required: true });
    const email = inner.email('email');
    const url = inner.absoluteUrl('url', { base });
    inner.rejectUnknownFields();
    for (const problem of inner.problems) this.fail(`${field}.${problem.field}`, problem.message);
    if (inner.problems.length > 0 || name === undefined) return undefined;
    return { name, ...(email && { email }), ...(url && { url }) };
  }

  email(field: string): string | undefined {
    const value = this.present(field, {});
    if (value === undefined) return undefined;
    if (typeof value === 'string' && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value)) return value;
    return this.fail(field, `expected an email address, found ${describeValue(value)}`);
  }
}

/** Resolves a URL (against base when given) and normalises it; undefined unless http or https. */
export function toHttpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
