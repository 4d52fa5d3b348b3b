import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateArticle } from '../../bench/corpus-article.js';

/** How big a generated corpus is, and so how many files and bytes a cold build of it writes. */
export interface CorpusShape {
  readonly records: number;
  /**
   * Each record also files under one of this many desks ("Desk 007"), a category each: more feeds, so a build
   * writes more files and its write phase lasts.
   */
  readonly desks: number;
  readonly itemsPerFeed: number;
  /** Paragraphs kept of each generated body (about 700 bytes each): shorter records render and compress sooner. */
  readonly paragraphs: number;
}

const SEED = 20261126;
/**
 * The date a revised record says it was updated: after every generated date (all before 2026-01-01) and before
 * any clock a test runs under, so a revised feed's Last-Modified is this date, whatever the build's clock.
 */
const REVISED = '2025-12-31T23:59:59Z';

function siteYaml(itemsPerFeed: number): string {
  return `title: Fault Test Newsroom
description: A generated archive for the fault-injection tests.
base_url: https://newsroom.example/
feeds_url: https://newsroom.example/feeds/
language: en
time_zone: UTC
copyright: © 2026 Fault Test Newsroom
default_author: Staff Report
article_url: "{yyyy}/{mm}/{slug}/"
items_per_feed: ${itemsPerFeed}
id_authority: newsroom.example,2026
`;
}

/**
 * A generated archive of article records (bench/corpus-article.ts's records, each also under a desk) in a
 * temporary content folder: the same shape gives the same files, byte for byte, and builds to the same feeds.
 */
export class Corpus {
  readonly root: string;
  readonly content: string;
  /** Paths under the content folder, in record order. */
  private readonly files: string[] = [];

  /** Generates the corpus in a new folder under `parent`. */
  constructor(
    readonly shape: CorpusShape,
    parent = tmpdir(),
  ) {
    this.root = mkdtempSync(join(parent, 'courier-corpus-'));
    this.content = join(this.root, 'content');
    mkdirSync(this.content, { recursive: true });
    writeFileSync(join(this.content, 'site.yaml'), siteYaml(shape.itemsPerFeed));
    const made = new Set<string>();
    for (let index = 0; index < shape.records; index += 1) {
      const article = generateArticle(index, SEED);
      const desk = `Desk ${String(index % shape.desks).padStart(3, '0')}`;
      const full = join(this.content, article.file);
      if (!made.has(dirname(full))) mkdirSync(dirname(full), { recursive: true });
      made.add(dirname(full));
      const [front, body] = article.text.split('\n---\n\n') as [string, string];
      const filed = front.replace('\ncategories:\n', `\ncategories:\n  - ${desk}\n`);
      const kept = body.split('\n\n').slice(0, shape.paragraphs).join('\n\n');
      writeFileSync(full, `${filed}\n---\n\n${kept}\n`);
      this.files.push(article.file);
    }
  }

  /**
   * Revises one record in `every`, starting at `offset`: a correction at the end of its body and an updated
   * date. With the same arguments it gives the same files. Returns how many records it revised.
   */
  revise(
    every: number,
    offset = 0,
    note = 'Correction: an earlier version of this article misstated a figure.',
  ): number {
    let revised = 0;
    for (let index = offset; index < this.files.length; index += every) {
      const path = join(this.content, this.files[index]!);
      const text = readFileSync(path, 'utf8').replace(/\nupdated: [^\n]*/, '');
      writeFileSync(path, `${text.replace('\nauthors:\n', `\nupdated: ${REVISED}\nauthors:\n`)}\n${note}\n`);
      revised += 1;
    }
    return revised;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
