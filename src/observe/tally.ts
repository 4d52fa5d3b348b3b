import type { Agent } from './agents.js';

/** A poller as counted during the day: an address with a User-Agent. */
export interface Poller {
  readonly address: string;
  readonly userAgent: string;
  readonly agent: Agent;
  polls: number;
  conditional: number;
  notModified: number;
  refused: number;
  first: number;
  last: number;
  /** When it was last answered a poll without conditions; NaN when never today. */
  lastFull: number;
}

/** One feed's polls today: counted by today.ts as they come, folded into counts by fold.ts when the day ends. */
export interface FeedTally {
  polls: number;
  conditional: number;
  notModified: number;
  refused: number;
  untracked: number;
  /** By address, then one for each User-Agent identity seen from that address (nearly always one). */
  readonly pollers: Map<string, Poller[]>;
  /** How many pollers `pollers` holds. */
  pollerCount: number;
  /** Each aggregator subscription's last reported count (see Agent.subscription). */
  readonly reports: Map<string, { readonly name: string; readonly count: number }>;
}

/** Every poller of a feed's tally. */
export function* pollersOf(tally: FeedTally): Generator<Poller> {
  for (const list of tally.pollers.values()) yield* list;
}
