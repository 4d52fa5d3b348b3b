import type { Config } from '../config/config.js';
import { dateOf, PollStats } from '../observe/poll-stats.js';
import { subscribersOf, type PollerToday } from '../observe/poll-types.js';
import { readStats } from '../observe/stats-file.js';
import {
  counted,
  formatInterval,
  formatReported,
  percent,
  summarize,
  type FeedSummary,
} from '../observe/stats-summary.js';
import type { Io } from './io.js';

const SPAN_DAYS = 30;

/**
 * `courier stats`: who polls each public feed and how, from the statistics `courier serve` saves in the state
 * folder: subscribers (reported by aggregators, plus one per direct poller), pollers, how often each kind of
 * client polls and how many of its polls are conditional, the last 30 days, and today's pollers with their
 * addresses. Reads only; exits 0 (with a word on why when nothing is counted yet).
 */
export async function statsCommand(config: Config, io: Io): Promise<number> {
  const { saved, problems } = await readStats(config.stateDir, { setAside: false });
  for (const problem of problems) io.stderr(`courier: ${problem}\n`);
  const now = io.now();
  // A day the service did not live to end is folded here too: its addresses are not shown once it is over.
  const view = new PollStats(saved, now, { politenessMs: 0 }).view();
  const today = dateOf(now);
  const feeds = summarize(view, today, SPAN_DAYS);
  if (feeds.length === 0) {
    io.stdout(
      `courier: no polls counted in the ${SPAN_DAYS} days to ${today} in ${config.stateDir}; ` +
        '`courier serve` counts the polls of the public feeds (unless COURIER_STATS=0) and saves them every minute\n',
    );
    return 0;
  }
  io.stdout(`Poll statistics, the ${SPAN_DAYS} days to ${today} (UTC), from ${config.stateDir}\n`);
  for (const feed of feeds) io.stdout(`\n${describe(feed).join('\n')}\n`);
  return 0;
}

function describe({ feed, days, latest, pollers }: FeedSummary): string[] {
  const reported = formatReported(latest.subscribers);
  const clients = Object.entries(latest.clients).sort(([, a], [, b]) => b.polls - a.polls);
  const polled = days.filter((day) => day.pollers > 0);
  return [
    `/feeds/${feed}`,
    `  ${latest.date}: about ${counted(subscribersOf(latest), 'subscriber')}` +
      (reported ? ` (${reported}; ${latest.directPollers} direct)` : ''),
    `    ${counted(latest.pollers, 'poller')}, ${counted(latest.polls, 'poll')}, ` +
      `${percent(latest.conditional, latest.polls)} conditional, ` +
      `${percent(latest.notModified, latest.polls)} answered 304, ${latest.refused} refused by the politeness policy`,
    ...table(
      ['client', 'pollers', 'polls', 'every', 'conditional', '304', 'refused', 'subscribers'],
      clients.map(([name, client]) => [
        name,
        String(client.pollers),
        String(client.polls),
        formatInterval(client.interval),
        percent(client.conditional, client.polls),
        percent(client.notModified, client.polls),
        String(client.refused),
        latest.subscribers[name]?.toLocaleString('en-US') ?? '–',
      ]),
    ),
    ...table(
      ['day', 'pollers', 'subscribers'],
      polled.map((day) => [day.date, String(day.pollers), day.subscribers.toLocaleString('en-US')]),
    ),
    ...(pollers.length > 0 ? ['  today’s pollers:', ...pollers.map(pollerLine)] : []),
  ];
}

function pollerLine(poller: PollerToday): string {
  const every = poller.polls > 1 ? formatInterval((poller.last - poller.first) / (poller.polls - 1) / 1000) : '–';
  const conditional = percent(poller.conditional, poller.polls);
  const polls = counted(poller.polls, 'poll');
  const agent = JSON.stringify(poller.userAgent);
  return `    ${poller.address}  ${poller.name}: ${polls}, every ${every}, ${conditional} conditional  ${agent}`;
}

/** Rows under a head, columns aligned: the first to the left, the rest (numbers) to the right. */
function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  if (rows.length === 0) return [];
  const all = [head, ...rows];
  const widths = head.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all.map(
    (row) =>
      '  ' +
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join('  '),
  );
}
