/**
 * The poll statistics as kept and shown: a day of one feed, and what is known of its clients. Days are UTC
 * dates ("2026-11-26"); a feed is its file's path under the feeds folder ("categories/world/rss.xml").
 */

/** How one kind of client (all the pollers that share a name, such as "Feedly" or "newsboat") polled a feed. */
export interface ClientSummary {
  /** Distinct pollers: an address with a User-Agent. */
  readonly pollers: number;
  readonly polls: number;
  /** Polls that sent If-None-Match or If-Modified-Since. */
  readonly conditional: number;
  /** Polls answered 304 Not Modified. */
  readonly notModified: number;
  /** Polls refused by the politeness policy (429). */
  readonly refused: number;
  /** The median of the pollers' mean time between polls, in seconds; null when none polled twice. */
  readonly interval: number | null;
}

/** One feed on one day: counts only, no address. */
export interface FeedDay {
  readonly polls: number;
  readonly conditional: number;
  readonly notModified: number;
  readonly refused: number;
  /** Distinct pollers (an address with a User-Agent). */
  readonly pollers: number;
  /** Subscribers reported by aggregators in their User-Agents, by aggregator: each its last count of the day. */
  readonly subscribers: Readonly<Record<string, number>>;
  /** Pollers that report no count: readers run by one person, each counted as one subscriber. */
  readonly directPollers: number;
  /** Polls from clients beyond the day's bound on distinct clients: counted, not told apart. */
  readonly untracked: number;
  readonly clients: Readonly<Record<string, ClientSummary>>;
}

export interface DayRecord {
  readonly date: string;
  readonly feeds: Readonly<Record<string, FeedDay>>;
}

/** One poller of one feed today, address and all: kept until the day ends, then only counted. */
export interface PollerToday {
  readonly address: string;
  readonly userAgent: string;
  readonly name: string;
  readonly polls: number;
  readonly conditional: number;
  readonly notModified: number;
  readonly refused: number;
  /** Epoch ms of the first and last poll. */
  readonly first: number;
  readonly last: number;
}

/** What `courier stats` and the stats page show: every day kept, today's so far last, and today's pollers. */
export interface StatsView {
  readonly days: readonly DayRecord[];
  readonly pollers: Readonly<Record<string, readonly PollerToday[]>>;
}

/** Subscribers of a feed on a day, as well as can be told: what aggregators report, plus one per direct poller. */
export function subscribersOf(day: FeedDay): number {
  return Object.values(day.subscribers).reduce((sum, count) => sum + count, day.directPollers);
}
