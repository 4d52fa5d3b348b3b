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
import { CORPUS_NOW, CORPUS_RECORDS, writeCorpus } from './corpus.js';

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
    cpSync(source.content, content, { recursive: true });
    feeds.push(...(await buildContent(source.label, content, join(root, source.label, 'feeds'), source.now)).site);
  }
  // Every partner feed of the partner fixtures, over the golden content.
  const content = join(root, 'partners', 'content');
  cpSync(GOLDEN_CONTENT, content, { recursive: true });
  cpSync(join(FIXTURES, 'partners'), content, { recursive: true });
  feeds.push(...(await buildContent('partner', content, join(root, 'partners', 'feeds'), SOURCES[1]!.now)).partners);
  return { feeds, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Builds the generated corpus (corpus.ts): every public feed and every partner feed of every profile, kill
 * notices included, named "corpus:…" and "corpus partner <id>:…".
 */
export async function buildCorpusFeeds(count = CORPUS_RECORDS): Promise<{ feeds: BuiltFeed[]; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'courier-corpus-'));
  const content = join(root, 'content');
  writeCorpus(content, count);
  const { site, partners } = await buildContent('corpus', content, join(root, 'feeds'), CORPUS_NOW);
  return { feeds: [...site, ...partners], remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Builds one content folder: its public feeds as the builder wrote them, and its partner feeds written out to
 * files for the tools to read (the server keeps them in memory only), each with the records it must hold.
 */
async function buildContent(
  label: string,
  content: string,
  out: string,
  now: number,
): Promise<{ site: BuiltFeed[]; partners: BuiltFeed[] }> {
  const report = await new Builder(content, out).build(now);
  if (!report.ok || report.problems.length > 0 || !report.publication)
    throw new Error(`${label}: the content does not build cleanly`);
  const { site } = parseSite(readFileSync(join(content, 'site.yaml'), 'utf8'), 'site.yaml');
  const { articles } = new ArticleLoader(content).load(site!);
  const plans = new Map(planFeeds(articles, now, site!.itemsPerFeed).map((plan) => [plan.path, plan]));
  const feedFiles = report.publication.files.filter((file) => FORMATS[file.path.replace(/^.*\//, '')] !== undefined);
  const siteFeeds = feedFiles.map((file): BuiltFeed => {
    const folder = file.path.replace(/[^/]*$/, '');
    return {
      name: `${label}:${file.path}`,
      path: join(out, file.path),
      format: FORMATS[file.path.replace(/^.*\//, '')]!,
      ...(plans.has(folder) && !file.path.endsWith('.opml') && { articles: plans.get(folder)!.articles }),
      contentDir: content,
    };
  });
  const partnerFeeds: BuiltFeed[] = [];
  const prefix = label === 'partner' ? 'partner' : `${label} partner`;
  for (const partner of report.publication.partners.partners) {
    const profile = PROFILES[partner.profile];
    const partnerPlans = new Map(
      planPartnerFeeds(articles, partner, profile, now, site!.killNoticeDays).map((plan) => [plan.path, plan]),
    );
    for (const file of report.publication.partners.files.get(partner.id) ?? []) {
      const path = join(out, 'partners', partner.id, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.body);
      const plan = partnerPlans.get(file.path.replace(/[^/]*$/, ''))!;
      partnerFeeds.push({
        name: `${prefix} ${partner.id}:${file.path}`,
        path,
        format: FORMATS[file.path.replace(/^.*\//, '')]!,
        articles: plan.articles,
        killed: plan.killed,
        contentDir: content,
        partner: profile,
      });
    }
  }
  return { site: siteFeeds, partners: partnerFeeds };
}

/** Every file under a folder, for checks that take many at once. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name));
}
