import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseSite, type Site } from '../../src/content/site.js';

export const SITE_YAML = `title: Test Newsroom
description: Stories for tests.
base_url: https://news.test.example/
feeds_url: https://news.test.example/feeds/
language: en
time_zone: Asia/Muscat
copyright: © Test Newsroom
default_author: Staff Report
article_url: "{yyyy}/{mm}/{slug}/"
items_per_feed: 50
id_authority: news.test.example,2026
`;

export function testSite(overrides = ''): Site {
  const { site, problems } = parseSite(SITE_YAML + overrides, 'site.yaml');
  if (!site) throw new Error(`test site is invalid: ${JSON.stringify(problems)}`);
  return site;
}

/** A record's text from front matter fields (as YAML lines) and a body. */
export function record(frontMatter: string, body = 'A paragraph of body text.\n'): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}`;
}

/** A temporary content folder with site.yaml; files are written under it by path. */
export class TempContent {
  readonly root = mkdtempSync(join(tmpdir(), 'courier-test-'));
  readonly content = join(this.root, 'content');
  readonly out = join(this.root, 'feeds');

  constructor(siteYaml = SITE_YAML) {
    this.write('site.yaml', siteYaml);
    mkdirSync(join(this.content, 'articles'), { recursive: true });
  }

  /** Writes a file under the content folder. */
  write(path: string, data: string | Buffer): string {
    const full = join(this.content, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    return full;
  }

  article(path: string, frontMatter: string, body?: string): string {
    return this.write(`articles/${path}`, record(frontMatter, body));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
