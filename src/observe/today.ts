import type { Agent, AgentCache } from './agents.js';
import { foldFeed } from './fold.js';
import { pollersOf, type FeedTally, type Poller } from './tally.js';
import type { DayRecord, FeedDay, PollerToday } from './poll-types.js';
import { pollerToday } from './poller-today.js';
import type { SavedFeed, SavedToday } from './saved-today.js';

const MAX_USER_AGENT = 256;

/**
 * The polls of one day, counted as they come: a few map look-ups and increments a request. The only place
 * addresses are kept; `fold` turns the day into counts, which is all that is kept once it ends.
 */
export class Today {
  private readonly feeds = new Map<string, FeedTally>();
  private pollerCount = 0;
  private recent: { tally: FeedTally; address: string; agent: Agent; poller: Poller } | undefined;

  constructor(
    readonly date: string,
    private readonly agents: AgentCache,
    /** Distinct pollers told apart in a day, over every feed; polls of more are counted as untracked. */
    private readonly maxPollers: number,
  ) {}

  record(
    feed: string,
    address: string,
    sent: string,
    conditional: boolean,
    status: number,
    at: number,
    downloaded: boolean,
  ): void {
    const userAgent = clip(sent);
    const tally = this.feeds.get(feed) ?? this.addFeed(feed);
    tally.polls += 1;
    if (conditional) tally.conditional += 1;
    if (status === 304) tally.notModified += 1;
    else if (status === 429) tally.refused += 1;
    const agent = this.agents.of(userAgent);
    if (agent.subscription !== undefined && agent.subscribers !== undefined)
      tally.reports.set(agent.subscription, { name: agent.name, count: agent.subscribers });
    const poller = this.poller(tally, address, userAgent, agent, at);
    if (!poller) {
      tally.untracked += 1;
      return;
    }
    poller.polls += 1;
    if (conditional) poller.conditional += 1;
    if (status === 304) poller.notModified += 1;
    else if (status === 429) poller.refused += 1;
    else if (!conditional && downloaded) poller.lastFull = at;
    poller.last = at;
  }

  /** When this poller was last answered without conditions today; NaN when never (or not told apart). */
  lastFull(feed: string, address: string, userAgent: string): number {
    const tally = this.feeds.get(feed);
    return (tally && this.find(tally, address, this.agents.of(clip(userAgent))))?.lastFull ?? Number.NaN;
  }

  /** The day in counts, without an address. */
  fold(): DayRecord {
    const feeds: Record<string, FeedDay> = {};
    for (const [path, tally] of this.feeds) feeds[path] = foldFeed(tally);
    return { date: this.date, feeds };
  }

  /** Today's pollers of each feed, most polls first. */
  pollers(): Record<string, PollerToday[]> {
    const result: Record<string, PollerToday[]> = {};
    for (const [path, tally] of this.feeds) {
      result[path] = [...pollersOf(tally)].map(pollerToday).sort((a, b) => b.polls - a.polls);
    }
    return result;
  }

  get empty(): boolean {
    return this.feeds.size === 0;
  }

  saved(): SavedToday {
    const feeds: Record<string, SavedFeed> = {};
    for (const [path, tally] of this.feeds) {
      const { polls, conditional, notModified, refused, untracked, reports } = tally;
      const counts = { polls, conditional, notModified, refused, untracked };
      const saved = [...pollersOf(tally)].map((p) => ({
        ...pollerToday(p),
        lastFull: isNaN(p.lastFull) ? null : p.lastFull,
      }));
      feeds[path] = { ...counts, reports: Object.fromEntries(reports), pollers: saved };
    }
    return { date: this.date, feeds };
  }

  static restore(saved: SavedToday, agents: AgentCache, maxPollers: number): Today {
    const today = new Today(saved.date, agents, maxPollers);
    for (const [path, feed] of Object.entries(saved.feeds)) {
      const { polls, conditional, notModified, refused, untracked } = feed;
      const tally = Object.assign(today.addFeed(path), { polls, conditional, notModified, refused, untracked });
      for (const [subscription, report] of Object.entries(feed.reports)) tally.reports.set(subscription, report);
      for (const { lastFull, name: _name, ...poller } of feed.pollers) {
        const agent = agents.of(poller.userAgent);
        today.add(tally, { ...poller, agent, lastFull: lastFull ?? NaN });
      }
    }
    return today;
  }

  private addFeed(feed: string): FeedTally {
    const tally: FeedTally = {
      polls: 0,
      conditional: 0,
      notModified: 0,
      refused: 0,
      untracked: 0,
      pollers: new Map(),
      pollerCount: 0,
      reports: new Map(),
    };
    this.feeds.set(feed, tally);
    return tally;
  }

  private poller(tally: FeedTally, address: string, userAgent: string, agent: Agent, at: number): Poller | undefined {
    const known = this.find(tally, address, agent);
    if (known || this.pollerCount >= this.maxPollers) return known;
    const poller: Poller = {
      address,
      userAgent,
      agent,
      polls: 0,
      conditional: 0,
      notModified: 0,
      refused: 0,
      first: at,
      last: at,
      lastFull: NaN,
    };
    this.add(tally, poller);
    return poller;
  }

  /**
   * The poller at `address` with `agent`'s identity. The last one found is remembered: the politeness policy
   * and the count that follows it look up the same poller, one after the other.
   */
  private find(tally: FeedTally, address: string, agent: Agent): Poller | undefined {
    const recent = this.recent;
    if (recent?.tally === tally && recent.address === address && recent.agent === agent) return recent.poller;
    const poller = tally.pollers.get(address)?.find((p) => p.agent === agent || p.agent.identity === agent.identity);
    if (poller) this.recent = { tally, address, agent, poller };
    return poller;
  }

  private add(tally: FeedTally, poller: Poller): void {
    const list = tally.pollers.get(poller.address);
    if (list) list.push(poller);
    else tally.pollers.set(poller.address, [poller]);
    tally.pollerCount += 1;
    this.pollerCount += 1;
  }
}

/** A User-Agent as kept: its first 256 characters, which tell any real client apart. */
function clip(userAgent: string): string {
  return userAgent.length > MAX_USER_AGENT ? userAgent.slice(0, MAX_USER_AGENT) : userAgent;
}
