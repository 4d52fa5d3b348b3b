import type { Article } from '../content/types.js';
import type { PublishedIndex } from './published-index.js';

/** How far a build may shrink what is published before it is held, and whether the operator said to go on. */
export interface GuardOptions {
  /** 0–1: the share of the last build's public articles a build may drop. */
  readonly maxDropShare: number;
  /** Publish whatever the guards say. */
  readonly force: boolean;
}

export const DEFAULT_GUARDS: GuardOptions = { maxDropShare: 0.1, force: false };

/** What the guards compare: the last published build and the one about to be published. */
export interface GuardInput {
  readonly articlesFolder: 'present' | 'missing' | 'empty';
  /** The last published build's public articles; undefined when nothing was published yet. */
  readonly previous: PublishedIndex | undefined;
  /** The feed folders the last build published ('' is the site feed), and the ones this build would. */
  readonly previousFeeds: readonly string[];
  readonly plannedFeeds: readonly string[];
  /** Every valid record now (kept ones included), and which are public now. */
  readonly records: readonly Article[];
  readonly publicIds: ReadonlySet<string>;
}

/**
 * Why this build must not be published, or undefined when it may. A build is held when the articles folder
 * is missing or empty while articles were published, when it would drop more than the allowed share of the
 * public articles (a single one never holds: retractions and deletions are everyday work), or when a whole
 * feed would go. An article that is now a draft, retracted or embargoed again was taken out on purpose and
 * does not count as dropped.
 */
export function holdReason(input: GuardInput, options: GuardOptions): string | undefined {
  if (options.force) return undefined;
  const previous = [...(input.previous?.values() ?? [])].filter((entry) => entry.public).map((entry) => entry.id);
  if (previous.length === 0) return undefined;
  if (input.articlesFolder !== 'present') {
    return `the articles folder is ${input.articlesFolder}, and the last build published ${previous.length} articles`;
  }
  const deliberate = new Set(
    input.records.filter((record) => record.status !== 'published').map((record) => record.id),
  );
  const dropped = previous.filter((id) => !input.publicIds.has(id) && !deliberate.has(id));
  const allowed = Math.max(1, Math.floor(previous.length * options.maxDropShare));
  if (dropped.length > allowed) {
    const share = Math.round((dropped.length / previous.length) * 100);
    const limit = Math.round(options.maxDropShare * 100);
    const drop = `${dropped.length} of ${previous.length} public articles (${share} %)`;
    return `it would drop ${drop}, more than the ${limit} % allowed`;
  }
  const planned = new Set(input.plannedFeeds);
  const gone = input.previousFeeds.filter((feed) => !planned.has(feed));
  if (gone.length > 0) {
    const named = gone.slice(0, 5).map((feed) => feed || '(site feed)');
    const more = gone.length > 5 ? ` and ${gone.length - 5} more` : '';
    return `it would remove ${gone.length} whole feed(s): ${named.join(', ')}${more}`;
  }
  return undefined;
}

/** What an operator is told to do about a held build. */
export const OVERRIDE_HINT =
  'fix the content, or publish anyway with `courier build --force` or COURIER_FORCE_PUBLISH=1';
