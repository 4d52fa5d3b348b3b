import type { CacheEntry } from './record-file.js';
import type { Site } from './site.js';
import type { RecordSurvey } from './record-survey.js';

/** Where a load has records parsed meanwhile, by their paths: record-pool.ts's RecordParser. */
export interface RecordParsing {
  parse(site: Site, files: readonly string[]): Promise<ReadonlyMap<string, CacheEntry | 'vanished'>>;
  /** Lists and stats every record off this thread (record-survey.ts); undefined if that failed. */
  survey?(): Promise<RecordSurvey | undefined>;
}

/** Records handed to the parser: its answer once it came. */
export interface Handed {
  readonly files: ReadonlySet<string>;
  parsed: ReadonlyMap<string, CacheEntry | 'vanished'> | undefined;
  ready: Promise<void>;
}

/** Records to parse from which a share goes to the parser (a worker costs about 0.1 s to start)… */
const HAND_OUT_FROM = 2000;
/** …and that share, the last ones listed (measured at 50,000: the worker is done as this thread reaches them). */
const PARSER_SHARE = 0.5;

/**
 * With thousands of records to parse (`uncached`, in the order listed), the last share of them go to the
 * parser, to be parsed while this thread parses the first (in a cold build, both cores read and parse).
 */
export function handOut(parser: RecordParsing, site: Site, uncached: readonly string[]): Handed | undefined {
  if (uncached.length < HAND_OUT_FROM) return undefined;
  const share = uncached.slice(Math.floor(uncached.length * (1 - PARSER_SHARE)));
  const handed: Handed = { files: new Set(share), parsed: undefined, ready: Promise.resolve() };
  handed.ready = parser.parse(site, share).then((parsed) => {
    handed.parsed = parsed;
  });
  return handed;
}
