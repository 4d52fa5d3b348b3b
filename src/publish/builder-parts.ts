import { join } from 'node:path';
import { BodyPool } from '../content/body-pool.js';
import { PARSE_CACHE_FILE } from '../content/parse-cache.js';
import { RecordParser } from '../content/record-pool.js';
import { runningCodeVersion } from '../lib/code-version.js';
import { ARCHIVE_KEYS_FILE } from './archive-keys.js';
import type { BuilderOptions } from './builder-options.js';
import { CacheSaving } from './cache-saving.js';
import { ContentReader } from './content-reader.js';
import { FEED_KEYS_FILE } from './feed-keys.js';
import { FILE_STAMPS_FILE } from './file-stamps.js';
import { Finisher } from './output.js';
import { PAGE_KEYS_FILE, SitePages } from './page-keys.js';
import { PartnerFeedPublisher } from './partner-files.js';
import { PublishedRecord } from './published-index.js';
import { ScratchBuffers } from './scratch.js';
import { SiteFeedRenderer } from './site-feed-renderer.js';
import { OutputWriter } from './writer.js';

/** What a Builder is made of: each part keeps what it needs of the last build between builds. */
export interface BuilderParts {
  readonly reader: ContentReader;
  readonly writer: OutputWriter;
  readonly siteFeeds: SiteFeedRenderer;
  readonly pages: SitePages;
  readonly partnerFeeds: PartnerFeedPublisher;
  readonly published: PublishedRecord;
  readonly bodies: BodyPool;
  readonly cache: CacheSaving;
}

/** The parts of a builder of `outDir` from `contentDir`, wired to each other and to the state folder's files. */
export function builderParts(contentDir: string, outDir: string, options: BuilderOptions): BuilderParts {
  const finisher = new Finisher(options.validators);
  const { stateDir } = options;
  const version = options.version ?? runningCodeVersion();
  const bodies = new BodyPool({ threads: options.threads });
  const reader = new ContentReader(
    contentDir,
    stateDir ? { file: join(stateDir, PARSE_CACHE_FILE), version } : undefined,
    bodies.threads > 0 ? new RecordParser(contentDir) : undefined,
  );
  const stamps = stateDir ? join(stateDir, FILE_STAMPS_FILE) : undefined;
  const writer = new OutputWriter(outDir, stamps, options.bytesOnDemand);
  const keys = stateDir && {
    file: join(stateDir, FEED_KEYS_FILE),
    archiveFile: join(stateDir, ARCHIVE_KEYS_FILE),
    version,
    partOf: reader.keyPartOf,
  };
  const pages = new SitePages(finisher, stateDir ? { file: join(stateDir, PAGE_KEYS_FILE), version } : undefined);
  const batch = { renderer: bodies, fileOf: reader.fileOf };
  // Bytes on demand: staging drops a feed's bytes, so its memory can be joined into again (scratch.ts).
  const scratch = options.bytesOnDemand ? new ScratchBuffers() : undefined;
  const siteFeeds = new SiteFeedRenderer(
    reader.bodyOf,
    finisher,
    options.hubs?.public,
    keys || undefined,
    batch,
    scratch,
  );
  const { items, fragments } = siteFeeds;
  const partnerHubs = options.hubs?.partner;
  const partnerFeeds = new PartnerFeedPublisher(contentDir, items, fragments, finisher, stateDir, partnerHubs);
  const published = new PublishedRecord(stateDir);
  const cache = new CacheSaving(() => reader.saveCache());
  return { reader, writer, siteFeeds, pages, partnerFeeds, published, bodies, cache };
}
