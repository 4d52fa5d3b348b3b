import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { planPartnerFeeds } from '../../src/partners/plan.js';
import { PROFILES, type Profile } from '../../src/partners/profiles.js';
import { Builder } from '../../src/publish/builder.js';
import type { Article } from '../../src/content/types.js';
import { ArticleLoader } from '../../src/content/load.js';
import { parseSite } from '../../src/content/site.js';
import { planFeeds } from '../../src/model/plan.js';
import { FEED_FORMATS, OPML, type FeedFormat } from '../../src/render/formats.js';
import { GOLDEN_CONTENT } from '../helpers/build.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';

export type Format = FeedFormat['id'] | 'opml';

export interface BuiltFeed {
  /** e.g. "sample:categories/world/rss.xml". */
  readonly name: string;
  readonly path: string;
  readonly format: Format;
  /** The records this feed must hold, newest first; undefined for the OPML index. */
  readonly articles?: readonly Article[];
  /** For a partner feed: the records it holds as kill notices, which readers see only by id and title. */
  readonly killed?: readonly Article[];
  readonly contentDir: string;
  /** For a partner feed, the profile it was shaped by. */
  readonly partner?: Profile;
}

/** A content folder to build, and the moment to build it as of. */
const SOURCES = [
  { label: 'sample', content: join(ROOT, 'content'), now: Date.parse('2026-11-26T12:00:00Z') },
  { label: 'fixtures', content: GOLDEN_CONTENT, now: Date.parse('2026-11-26T12:00:00Z') },
];

const FORMATS: Record<string, Format> = Object.fromEntries([
  ...FEED_FORMATS.map((format) => [format.file, format.id] as const),
  [OPML.file, 'opml'] as const,
]);

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
    if (!report.ok || report.problems.length > 0)
      throw new Error(`${source.label}: the content does not build cleanly`);
    const plans = new Map(plansOf(content, source.now).map((plan) => [plan.path, plan]));
    for (const file of report.publication!.files) {
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
  feeds.push(...(await buildPartnerFeeds(root)));
  return { feeds, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Every partner feed of the partner fixtures, written out to files for the tools to read (the server keeps
 * them in memory only), with the records each must hold.
 */
async function buildPartnerFeeds(root: string): Promise<BuiltFeed[]> {
  const content = join(root, 'partners', 'content');
  const out = join(root, 'partners', 'feeds');
  cpSync(GOLDEN_CONTENT, content, { recursive: true });
  cpSync(join(FIXTURES, 'partners'), content, { recursive: true });
  const now = SOURCES[1]!.now;
  const report = await new Builder(content, out).build(now);
  if (!report.ok || report.problems.length > 0 || !report.publication)
    throw new Error('partners: the fixtures do not build cleanly');
  const { site } = parseSite(readFileSync(join(content, 'site.yaml'), 'utf8'), 'site.yaml');
  const { articles } = new ArticleLoader(content).load(site!);
  const feeds: BuiltFeed[] = [];
  for (const partner of report.publication.partners.partners) {
    const plans = new Map(
      planPartnerFeeds(articles, partner, PROFILES[partner.profile], now, site!.killNoticeDays).map((plan) => [
        plan.path,
        plan,
      ]),
    );
    for (const file of report.publication.partners.files.get(partner.id) ?? []) {
      const path = join(out, 'partners', partner.id, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.body);
      const plan = plans.get(file.path.replace(/[^/]*$/, ''))!;
      feeds.push({
        name: `partner ${partner.id}:${file.path}`,
        path,
        format: FORMATS[file.path.replace(/^.*\//, '')]!,
        articles: plan.articles,
        killed: plan.killed,
        contentDir: content,
        partner: PROFILES[partner.profile],
      });
    }
  }
  return feeds;
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
