import { AgentCache } from './agents.js';
import type { DayRecord, StatsView } from './poll-types.js';
import type { SavedToday } from './saved-today.js';
import { Today } from './today.js';

const DAY = 86_400_000;

export interface PollStatsOptions {
  /** A client polling a feed unconditionally more often than this, in ms, is refused; 0 is no policy. */
  readonly politenessMs: number;
  /** Distinct pollers told apart in a day (bounds the memory an address flood can take). */
  readonly maxPollers?: number;
  /** Days of counts kept. */
  readonly keepDays?: number;
}

/** What is saved: the finished days (counts only) and today's tallies, which hold addresses. */
export interface SavedStats {
  readonly days: readonly DayRecord[];
  readonly today?: SavedToday;
}

/**
 * Poll statistics of the public feeds: today's tallies, by feed and poller (an address with a User-Agent), and
 * the days before as counts. A day is a UTC date; when it ends (at the first poll or `advance` after midnight),
 * it is folded into counts and its addresses are dropped, so no address outlives its day.
 */
export class PollStats {
  private readonly agents = new AgentCache();
  private readonly maxPollers: number;
  private readonly keepDays: number;
  private today: Today;
  private dayEnd: number;
  private days: DayRecord[];
  /** Whether the days changed since `takeChanges`: they are written far less often than today's tallies. */
  private daysChanged = false;
  private todayChanged = false;

  constructor(
    saved: SavedStats,
    now: number,
    private readonly options: PollStatsOptions,
  ) {
    this.maxPollers = options.maxPollers ?? 20_000;
    this.keepDays = options.keepDays ?? 90;
    this.days = [...saved.days];
    // A saved today whose date is among the days was folded already (a stop between the two writes): dropped.
    const { today } = saved;
    const restorable = today && !this.days.some((day) => day.date === today.date);
    this.today = restorable ? Today.restore(today, this.agents, this.maxPollers) : this.newDay(now);
    this.dayEnd = Date.parse(`${this.today.date}T00:00:00Z`) + DAY;
    this.advance(now);
  }

  /** Whether the politeness policy is on: when off, `wait` is always 0. */
  get polite(): boolean {
    return this.options.politenessMs > 0;
  }

  /**
   * Counts one answered poll of a public feed. `downloaded`: whether it was sent the feed (a 200 to a GET), from
   * when the politeness policy's wait runs; a HEAD or a 412 is not a download.
   */
  record(
    feed: string,
    address: string,
    userAgent: string,
    conditional: boolean,
    status: number,
    at: number,
    downloaded = status === 200,
  ): void {
    if (at >= this.dayEnd) this.advance(at);
    this.today.record(feed, address, userAgent, conditional, status, at, downloaded);
    this.todayChanged = true;
  }

  /**
   * The politeness policy: 0 when the poll is answered, else the seconds until this client (an address with a
   * User-Agent) may poll this feed without conditions again. Conditional polls are always answered.
   */
  wait(feed: string, address: string, userAgent: string, conditional: boolean, at: number): number {
    const interval = this.options.politenessMs;
    if (interval === 0 || conditional) return 0;
    if (at >= this.dayEnd) this.advance(at);
    const last = this.today.lastFull(feed, address, userAgent);
    const due = last + interval;
    return at < due ? Math.ceil((due - at) / 1000) : 0;
  }

  /** Ends the day if it is over: its tallies become counts, and its addresses are forgotten. */
  advance(now: number): void {
    if (now < this.dayEnd) return;
    if (!this.today.empty) this.days.push(this.today.fold());
    const oldest = dateOf(now - this.keepDays * DAY);
    this.days = this.days.filter((day) => day.date > oldest);
    this.today = this.newDay(now);
    this.dayEnd = Date.parse(`${this.today.date}T00:00:00Z`) + DAY;
    this.daysChanged = true;
    this.todayChanged = true;
  }

  /** Every day kept and today so far (last), with today's pollers: for `courier stats` and the stats page. */
  view(): StatsView {
    const days = this.today.empty ? this.days : [...this.days, this.today.fold()];
    return { days, pollers: this.today.pollers() };
  }

  /** What changed since the last call, to be saved: the days, today, both or neither. */
  takeChanges(): { days?: readonly DayRecord[]; today?: SavedToday } {
    const changes = {
      ...(this.daysChanged && { days: this.days }),
      ...(this.todayChanged && { today: this.today.saved() }),
    };
    this.daysChanged = false;
    this.todayChanged = false;
    return changes;
  }

  /** Marks what `takeChanges` gave as unsaved again, after a failed write. */
  keepChanges(changes: { days?: unknown; today?: unknown }): void {
    if (changes.days) this.daysChanged = true;
    if (changes.today) this.todayChanged = true;
  }

  private newDay(now: number): Today {
    return new Today(dateOf(now), this.agents, this.maxPollers);
  }
}

export function dateOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
