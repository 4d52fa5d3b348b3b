import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder } from '../../src/build/builder.js';
import type { Article } from '../../src/content/article.js';
import { ArticleLoader } from '../../src/content/load.js';
import { parseSite } from '../../src/content/site.js';
import { planFeeds } from '../../src/model/select.js';
import { GOLDEN_CONTENT } from '../helpers/build.js';
import { ROOT } from '../helpers/paths.js';

export type Format = 'rss' | 'atom' | 'json' | 'opml';

export interface BuiltFeed {
  /** e.g. "sample:categories/world/rss.xml". */
  readonly name: string;
  readonly path: string;
  readonly format: Format;
  /** The records this feed must hold, newest first; undefined for the OPML index. */
  readonly articles?: readonly Article[];
  readonly contentDir: string;
}

/** A content folder to build, and the moment to build it as of. */
const SOURCES = [
  { label: 'sample', content: join(ROOT, 'content'), now: Date.parse('2026-11-26T12:00:00Z') },
  { label: 'fixtures', content: GOLDEN_CONTENT, now: Date.parse('2026-11-26T12:00:00Z') },
];

const FORMATS: Record<string, Format> = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json', 'index.opml': 'opml' };

/**
 * Builds every feed Courier makes from the sample content and from the test fixtures (hostile text
 * included) into a temporary folder, with the records each feed must hold.
 */
export async function buildAllFeeds(): Promise<{ feeds: BuiltFeed[]; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'courier-conformance-'));
  const feeds: BuiltFeed[] = [];
  for (const source of SOURCES) {
    const content = join(root, source.label, 'content');
    const out = join(root, source.label, 'feeds');
    cpSync(source.content, content, { recursive: true });
    const report = await new Builder(content, out).build(source.now);
    if (!report.ok || report.problems.length > 0) throw new Error(`${source.label}: the content does not build cleanly`);
    const plans = new Map(plansOf(content, source.now).map((plan) => [plan.path, plan]));
    for (const file of report.files) {
      const folder = file.path.replace(/[^/]*$/, '');
      feeds.push({
        name: `${source.label}:${file.path}`,
        path: join(out, file.path),
        format: FORMATS[file.path.replace(/^.*\//, '')]!,
        ...(plans.has(folder) && !file.path.endsWith('.opml') && { articles: plans.get(folder)!.articles }),
        contentDir: content,
      });
    }
  }
  return { feeds, remove: () => rmSync(root, { recursive: true, force: true }) };
}

function plansOf(content: string, now: number) {
  const { site } = parseSite(readFileSync(join(content, 'site.yaml'), 'utf8'), 'site.yaml');
  const { articles } = new ArticleLoader(content).load(site!);
  return planFeeds(articles, now, site!.itemsPerFeed);
}

/** Every file under a folder, for checks that take many at once. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name));
}
