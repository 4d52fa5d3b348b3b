import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import type { Violation } from './rss-rules.js';
import { checkUri } from './text-rules.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const URL_FIELDS = ['home_page_url', 'feed_url', 'next_url', 'icon', 'favicon'];
const ITEM_URL_FIELDS = ['url', 'external_url', 'image', 'banner_image'];

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/schemas/jsonfeed-1.1.schema.json'), 'utf8')));

/** JSON Feed 1.1: the schema (ajv), then what a schema cannot say. */
export function checkJsonFeed(text: string, feed: string): Violation[] {
  const violations: Violation[] = [];
  const fail = (where: string, rule: string, message: string) =>
    violations.push({ where: `${feed}${where}`, rule, message });
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return [{ where: feed, rule: 'JSON', message: (error as Error).message }];
  }
  if (!validate(document)) {
    for (const error of validate.errors ?? []) {
      const match = /^\/items\/(\d+)/.exec(error.instancePath);
      fail(
        match ? ` item ${Number(match[1]) + 1}` : '',
        `JSON Feed 1.1 schema ${error.instancePath || '/'}`,
        `${error.message ?? ''} ${JSON.stringify(error.params)}`,
      );
    }
  }
  for (const field of URL_FIELDS) absolute(document[field], (message) => fail('', `absolute ${field}`, message));
  for (const field of URL_FIELDS) ascii(document[field], (rule, message) => fail('', rule, message));
  if (document.author !== undefined) fail('', 'authors, not author', 'the 1.0 author field is deprecated in 1.1');
  const items = Array.isArray(document.items) ? (document.items as Array<Record<string, unknown>>) : [];
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    const where = ` item ${index + 1} (${String(item.id)})`;
    if (seen.has(item.id)) fail(where, 'unique ids', `the id ${String(item.id)} is used twice`);
    seen.add(item.id);
    for (const field of ['date_published', 'date_modified']) {
      const value = item[field];
      if (
        value !== undefined &&
        (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value)))
      ) {
        fail(where, `RFC 3339 ${field}`, `found ${JSON.stringify(value)}`);
      }
    }
    for (const field of ITEM_URL_FIELDS) absolute(item[field], (message) => fail(where, `absolute ${field}`, message));
    for (const field of ['id', ...ITEM_URL_FIELDS]) ascii(item[field], (rule, message) => fail(where, rule, message));
    const authors = Array.isArray(item.authors) ? (item.authors as unknown[]) : [];
    if (authors.length === 0) fail(where, 'an author on every item', 'expected an authors list with a name');
    if (item.author !== undefined) fail(where, 'authors, not author', 'the 1.0 author field is deprecated in 1.1');
  });
  return violations;
}

function absolute(value: unknown, fail: (message: string) => void): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !URL.canParse(value))
    return fail(`expected an absolute URL, found ${JSON.stringify(value)}`);
  const { protocol } = new URL(value);
  if (protocol !== 'http:' && protocol !== 'https:')
    fail(`expected an http or https URL, found ${JSON.stringify(value)}`);
}

/** A URI field, when it is one: ASCII, and a tag: URI as RFC 4151 has it. */
function ascii(value: unknown, fail: (rule: string, message: string) => void): void {
  if (typeof value === 'string') checkUri(value, fail);
}
