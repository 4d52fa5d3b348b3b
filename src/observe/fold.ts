import type { ClientSummary, FeedDay } from './poll-types.js';
import { pollersOf, type FeedTally } from './tally.js';

interface Sums {
  pollers: number;
  polls: number;
  conditional: number;
  notModified: number;
  refused: number;
  /** Each poller's mean time between polls, in seconds. */
  intervals: number[];
}

/** A feed's day in counts, without an address: what is kept once the day is over. */
export function foldFeed(tally: FeedTally): FeedDay {
  const byName = new Map<string, Sums>();
  let directPollers = 0;
  for (const poller of pollersOf(tally)) {
    if (poller.agent.subscribers === undefined) directPollers += 1;
    const name = poller.agent.name;
    const sum: Sums = byName.get(name) ?? {
      pollers: 0,
      polls: 0,
      conditional: 0,
      notModified: 0,
      refused: 0,
      intervals: [],
    };
    byName.set(name, sum);
    sum.pollers += 1;
    sum.polls += poller.polls;
    sum.conditional += poller.conditional;
    sum.notModified += poller.notModified;
    sum.refused += poller.refused;
    if (poller.polls > 1) sum.intervals.push((poller.last - poller.first) / (poller.polls - 1) / 1000);
  }
  const subscribers: Record<string, number> = {};
  for (const { name, count } of tally.reports.values()) subscribers[name] = (subscribers[name] ?? 0) + count;
  const clients: Record<string, ClientSummary> = {};
  for (const [name, { intervals, ...counts }] of byName) clients[name] = { ...counts, interval: median(intervals) };
  const { polls, conditional, notModified, refused, untracked } = tally;
  return {
    polls,
    conditional,
    notModified,
    refused,
    untracked,
    pollers: tally.pollerCount,
    subscribers,
    directPollers,
    clients,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value ?? 0);
}
