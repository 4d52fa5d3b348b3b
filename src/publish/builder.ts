import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { ArticleLoader } from '../content/load.js';
import type { Problem } from '../content/problem.js';
import { loadSite, type LoadedSite, type Site } from '../content/site.js';
import type { FeedModel } from '../model/types.js';
import { planFeeds, type FeedPlan } from '../model/plan.js';
import type { FeedListing } from '../model/types.js';
import type { Article } from '../content/types.js';
import { buildPartnerFiles, type PartnerFiles } from '../publish/partner-files.js';
import { loadPartners } from '../partners/registry.js';
import type { Partner } from '../partners/types.js';
import { MANIFEST_FILE, readPreviousBuild, renderManifest } from './manifest.js';
import { finishFile, type OutputFile, type RenderedFile } from './output.js';
import { feedModel } from '../model/feed-model.js';
import { renderFeed, renderIndex, samePlan } from './render-all.js';
import { removeFile, writeAtomically } from '../lib/files.js';

export interface BuildReport {
  /** False when the site settings are unusable: nothing was built and the previous feeds stand. */
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  /** Valid records, in any status. */
  readonly records: number;
  /** Articles in the site feed's scope: published and out of embargo. */
  readonly publicArticles: number;
  readonly files: readonly OutputFile[];
  readonly written: readonly string[];
  readonly removed: readonly string[];
  /** Records read and parsed anew, and feeds rendered anew, by this build: what its cost follows. */
  readonly parsed: number;
  readonly rendered: number;
  /** Every public feed with its title, site feed first. */
  readonly feeds: readonly FeedListing[];
  readonly site?: Site;
  /** The partners and their feeds; absent when nothing was built. */
  readonly partners?: PartnerBuild;
}

export interface PartnerBuild {
  readonly partners: readonly Partner[];
  readonly files: PartnerFiles;
}

/**
 * Builds the feeds folder from the content folder, again and again in one process: it remembers the last
 * build, so a run re-renders only feeds whose articles changed and writes only files whose bytes changed.
 */
export class Builder {
  private readonly loader: ArticleLoader;
  private previous: Map<string, OutputFile> | undefined;
  private previousPlans = new Map<string, FeedPlan>();
  private previousSite: Site | undefined;
  private inFlight: Promise<BuildReport> | undefined;
  private lastSite: LoadedSite | undefined;
  private previousPartnerFiles = new Map<string, OutputFile>();
  private lastGoodPartners: readonly Partner[] | undefined;

  constructor(private readonly contentDir: string, private readonly outDir: string) {
    this.loader = new ArticleLoader(contentDir);
  }

  /** Builds as of `now` (epoch ms). A call while a build runs joins that build instead of starting another. */
  build(now: number): Promise<BuildReport> {
    this.inFlight ??= this.run(now).finally(() => { this.inFlight = undefined; });
    return this.inFlight;
  }

  /** The files of the last build: remembered from this process, or read from the feeds folder once. */
  async previousFiles(): Promise<ReadonlyMap<string, OutputFile>> {
    this.previous ??= await readPreviousBuild(this.outDir);
    return this.previous;
  }

  /** Validates every record without writing anything. */
  async check(): Promise<{ problems: readonly Problem[]; records: number; articles: readonly Article[]; partners: readonly Partner[] }> {
    this.lastSite = await loadSite(this.contentDir, this.lastSite);
    const { site, problems } = this.lastSite;
    if (!site) return { problems, records: 0, articles: [], partners: [] };
    const content = this.loader.load(site);
    const partners = await loadPartners(this.contentDir);
    return { problems: [...partners.problems, ...content.problems], records: content.articles.length, articles: content.articles, partners: partners.partners };
  }

  private async run(now: number): Promise<BuildReport> {
    this.lastSite = await loadSite(this.contentDir, this.lastSite);
    const { site, problems: siteProblems } = this.lastSite;
    if (!site) return { ok: false, problems: siteProblems, records: 0, publicArticles: 0, files: [], written: [], removed: [], feeds: [], parsed: 0, rendered: 0 };
    await this.previousFiles();
    const content = this.loader.load(site);
    const plans = planFeeds(content.articles, now, site.itemsPerFeed);
    const { files, feeds, renderedFeeds } = await this.produce(site, plans, now);
    const partners = await this.producePartners(site, content.articles, now);
    const { written, removed } = await this.write(files);
    this.previous = new Map(files.map((file) => [file.path, file]));
    this.previousPlans = new Map(plans.map((plan) => [plan.path, plan]));
    this.previousSite = site;
    const publicArticles = content.articles.filter((a) => a.status === 'published' && a.published <= now).length;
    const problems = [...partners.problems, ...content.problems];
    return { ok: true, problems, records: content.articles.length, publicArticles, files, written, removed, feeds, site, parsed: content.parsed, rendered: renderedFeeds, partners: partners.built };
  }

  /**
   * Renders the feeds whose plan changed (an unchanged feed is carried over as the previous output) and
   * hashes and compresses each file as soon as it is rendered: compression runs on libuv's threads while
   * the next feed renders on this one, so a cold build uses both cores.
   */
  private async produce(site: Site, plans: readonly FeedPlan[], now: number): Promise<{ files: OutputFile[]; feeds: FeedListing[]; renderedFeeds: number }> {
    const models = new Map<FeedPlan, FeedModel>();
    const files: Array<Promise<OutputFile>> = [];
    const feeds: FeedListing[] = [];
    let renderedFeeds = 0;
    for (const plan of plans) {
      const model = feedModel(plan, site, (article) => this.loader.readBody(article));
      models.set(plan, model);
      feeds.push({ title: model.title, kind: plan.kind, path: plan.path });
      const carried = this.carryOver(site, plan);
      if (carried) {
        files.push(...carried.map((file) => Promise.resolve(file)));
        continue;
      }
      renderedFeeds += 1;
      files.push(...renderFeed(model, plan).map((file) => this.finish(file, now)));
      await setImmediate();
    }
    files.push(this.finish(renderIndex(site, models), now));
    return { files: await Promise.all(files), feeds, renderedFeeds };
  }

  private carryOver(site: Site, plan: FeedPlan): OutputFile[] | undefined {
    if (site !== this.previousSite || !samePlan(this.previousPlans.get(plan.path), plan)) return undefined;
    const paths = ['rss.xml', 'atom.xml', 'feed.json'].map((name) => plan.path + name);
    const files = paths.map((path) => this.previous?.get(path));
    return files.every((file) => file !== undefined) ? files : undefined;
  }

  /**
   * Partner feeds are kept in memory only: never in the feeds folder, which may be served as it is. While
   * partners.yaml has problems, the partners of its last good version go on receiving their feeds.
   */
  private async producePartners(site: Site, articles: readonly Article[], now: number): Promise<{ built: PartnerBuild; problems: readonly Problem[] }> {
    const loaded = await loadPartners(this.contentDir);
    const { problems } = loaded;
    if (problems.length === 0 || this.lastGoodPartners === undefined) this.lastGoodPartners = loaded.partners;
    const partners = this.lastGoodPartners;
    const bodyOf = (article: Article) => this.loader.readBody(article);
    const previous = this.previousPartnerFiles;
    const files = await buildPartnerFiles(site, articles, partners, now, bodyOf, (file, key) => finishFile(file, previous.get(key), now));
    this.previousPartnerFiles = new Map([...files].flatMap(([id, list]) => list.map((file) => [`${id}/${file.path}`, file] as const)));
    return { built: { partners, files }, problems };
  }

  private finish(file: RenderedFile, now: number): Promise<OutputFile> {
    return finishFile(file, this.previous?.get(file.path), now);
  }

  /** Writes changed files, then removes files no longer built, then the manifest: all or nothing per file. */
  private async write(files: readonly OutputFile[]): Promise<{ written: string[]; removed: string[] }> {
    const changed = files.filter((file) => this.previous?.get(file.path) !== file);
    const current = new Set(files.map((file) => file.path));
    const removed = [...(this.previous?.keys() ?? [])].filter((path) => !current.has(path)).sort();
    const at = (path: string) => join(this.outDir, path);
    await settleAll(changed.map(async (file) => {
      await writeAtomically(at(`${file.path}.gz`), file.gzip);
      await writeAtomically(at(`${file.path}.br`), file.br);
      await writeAtomically(at(file.path), file.body);
    }));
    await settleAll(removed.flatMap((path) => ['', '.gz', '.br'].map((suffix) => removeFile(at(path + suffix)))));
    if (changed.length > 0 || removed.length > 0) await writeAtomically(at(MANIFEST_FILE), renderManifest(files));
    return { written: changed.map((file) => file.path).sort(), removed };
  }
}

/** Like Promise.all, but a failure is raised only once every write has finished, so none is left half done. */
async function settleAll(work: ReadonlyArray<Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}
