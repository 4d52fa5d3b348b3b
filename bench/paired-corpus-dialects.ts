/**
 * A draft written in each dialect: as a Courier record, beside the corpus's site.yaml, and as a Hugo page, beside
 * its section page. Both quote their YAML the same way.
 */
import type { Draft } from './paired-corpus-draft.js';

export const SITE_YAML = `title: Paired Benchmark Newsroom
description: The same articles, built by Courier and by Hugo.
base_url: https://bench.example/
feeds_url: https://bench.example/feeds/
language: en
time_zone: UTC
copyright: © 2026 Paired Benchmark Newsroom
default_author: Staff Report
article_url: "{yyyy}/{mm}/{slug}/"
items_per_feed: 50
id_authority: bench.example,2026
`;

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** A YAML scalar both YAML parsers read back as the same string: JSON's quoting, control characters blanked. */
// eslint-disable-next-line no-control-regex -- control characters are what this replaces
const quote = (text: string) => JSON.stringify(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' '));
const list = (key: string, values: readonly string[]) => [`${key}:`, ...values.map((v) => `  - ${quote(v)}`)];

export function courierRecord(draft: Draft): string {
  const front = [
    '---',
    `title: ${quote(draft.title)}`,
    `published: ${iso(draft.published)}`,
    ...(draft.updated !== undefined ? [`updated: ${iso(draft.updated)}`] : []),
    ...list('authors', draft.authors),
    ...list('categories', draft.categories),
    ...list('tags', draft.tags),
    '---',
  ];
  return `${front.join('\n')}\n\n${draft.body}\n`;
}

export function hugoPage(draft: Draft): string {
  const front = [
    '---',
    `title: ${quote(draft.title)}`,
    `date: ${iso(draft.published)}`,
    `lastmod: ${iso(draft.updated ?? draft.published)}`,
    `slug: ${draft.slug}`,
    ...list('authors', draft.authors),
    ...list('categories', draft.categories),
    ...list('tags', draft.tags),
    '---',
  ];
  return `${front.join('\n')}\n\n${draft.body}\n`;
}

/** Hugo's section page: the articles are listed in taxonomies and feeds, never rendered as pages. */
export const HUGO_SECTION = `---
title: Articles
cascade:
  _build:
    render: never
    list: always
---
`;
