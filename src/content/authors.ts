import type { Author } from './types.js';
import { FieldReader } from './fields.js';
import { describeValue } from './problem.js';
import { squash } from './text.js';
import { isMapping } from './yaml.js';

const AUTHOR_FIELDS = ['name', 'email', 'url'];
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Authors as a name, a list of names, or mappings with name, email and url (resolved against base). */
export function readAuthors(read: FieldReader, field: string, base: string | undefined): Author[] | undefined {
  const value = read.present(field);
  if (value === undefined) return undefined;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const authors: Author[] = [];
  for (const [index, entry] of list.entries()) {
    const author = readAuthor(read, `${field}[${index}]`, entry, base);
    if (author === undefined) return undefined;
    if (!authors.some((known) => known.name === author.name)) authors.push(author);
  }
  return authors.length > 0 ? authors : read.fail(field, 'expected at least one author, found an empty list');
}

function readAuthor(read: FieldReader, field: string, entry: unknown, base: string | undefined): Author | undefined {
  if (typeof entry === 'string') {
    const name = squash(entry);
    return name === '' ? read.fail(field, 'expected an author name, found an empty string') : { name };
  }
  if (!isMapping(entry)) {
    return read.fail(field, `expected a name or a mapping with name, email and url, found ${describeValue(entry)}`);
  }
  const inner = new FieldReader(read.file, entry, AUTHOR_FIELDS);
  const name = inner.plainText('name', { required: true });
  const email = readEmail(inner);
  const url = inner.absoluteUrl('url', { base });
  inner.rejectUnknownFields();
  for (const problem of inner.problems) read.fail(`${field}.${problem.field}`, problem.message);
  if (inner.problems.length > 0 || name === undefined) return undefined;
  return { name, ...(email && { email }), ...(url && { url }) };
}

function readEmail(read: FieldReader): string | undefined {
  const value = read.present('email');
  if (value === undefined) return undefined;
  if (typeof value === 'string' && EMAIL.test(value)) return value;
  return read.fail('email', `expected an email address, found ${describeValue(value)}`);
}
