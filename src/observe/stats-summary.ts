import { everyDay, type ChartDay } from './chart.js';
import { subscribersOf, type FeedDay, type PollerToday, type StatsView } from './poll-types.js';

/** One feed over the span `courier stats` and the stats page show. */
export interface FeedSummary {
  /** The feed's path under the feeds folder. */
  readonly feed: string;
  /** Every day of the span, oldest first, zeros where it had no polls. */
  readonly days: readonly ChartDay[];
  /** The feed's last day with polls in the span, with its date. */
  readonly latest: FeedDay & { readonly date: string };
  /** Today's pollers, addresses and all (empty once the day has ended). */
  readonly pollers: readonly PollerToday[];
}

const DAY = 86_400_000;

/** The feeds polled in the `span` days up to `today` (a UTC date), most subscribers first. */
export function summarize(view: StatsView, today: string, span = 30): FeedSummary[] {
  const first = new Date(Date.parse(`${today}T00:00:00Z`) - (span - 1) * DAY).toISOString().slice(0, 10);
  const inSpan = view.days.filter((day) => day.date >= first && day.date <= today);
  const feeds = [...new Set(inSpan.flatMap((day) => Object.keys(day.feeds)))];
  const summaries = feeds.map((feed): FeedSummary => {
    const known = new Map<string, ChartDay>();
    let latest: FeedSummary['latest'] | undefined;
    for (const day of inSpan) {
      const counts = day.feeds[feed];
      if (!counts) continue;
      known.set(day.date, { date: day.date, pollers: counts.pollers, subscribers: subscribersOf(counts) });
      if (!latest || day.date >= latest.date) latest = { ...counts, date: day.date };
    }
    // Every feed here has at least one day in the span, so `latest` is set.
    const last = latest ?? { ...emptyDay(), date: today };
    return { feed, days: everyDay(first, today, known), latest: last, pollers: view.pollers[feed] ?? [] };
  });
  return summaries.sort(
    (a, b) => subscribersOf(b.latest) - subscribersOf(a.latest) || a.feed.localeCompare(b.feed, 'en'),
  );
}

function emptyDay(): FeedDay {
  const counts = { polls: 0, conditional: 0, notModified: 0, refused: 0, pollers: 0, directPollers: 0, untracked: 0 };
  return { ...counts, subscribers: {}, clients: {} };
}

/** A share as a whole percent: "67 %"; "–" of nothing. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)} %`;
}

/** A time between polls, in the unit that reads best: "45 s", "30 min", "2.5 h"; "–" when unknown. */
export function formatInterval(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

/** "Feedly 1,234, Inoreader 12": each aggregator's reported subscribers, most first. */
export function formatReported(subscribers: Readonly<Record<string, number>>): string {
  return Object.entries(subscribers)
    .sort(([, a], [, b]) => b - a)
    .map(([name, count]) => `${name} ${count.toLocaleString('en-US')}`)
    .join(', ');
}

/** "1 poller", "7 pollers": a count and its word, in the plural unless it is one. */
export function counted(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : `${word}s`}`;
}
