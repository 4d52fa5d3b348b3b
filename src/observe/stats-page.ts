import { escapeHtml } from '../model/html.js';
import { renderChart } from './chart.js';
import { subscribersOf, type PollerToday, type StatsView } from './poll-types.js';
import { counted, formatInterval, formatReported, percent, summarize, type FeedSummary } from './stats-summary.js';

const STYLE = `body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:56rem;padding:1rem;color:#1b1b1b}
h2{font-size:1.1rem;margin-top:2.5rem;overflow-wrap:anywhere}svg{width:100%;height:auto;max-width:600px}
.pollers{fill:#8fb3d9}.subscribers{fill:none;stroke:#b3261e;stroke-width:2}.grid{stroke:#ddd}
.axis{font-size:11px;fill:#555}
table{border-collapse:collapse;font-size:.9rem;display:block;overflow-x:auto}th,td{padding:.2rem .6rem;text-align:left}
td.n{text-align:right}tr:nth-child(even){background:#f4f4f4}`;

/**
 * The operator's stats page (served on the metrics port only): for each feed polled in the last 30 days, a
 * chart of its daily pollers and subscribers, how each kind of client polls it, and today's pollers.
 */
export function renderStatsPage(view: StatsView, today: string): string {
  const feeds = summarize(view, today);
  const sections = feeds.length > 0 ? feeds.map(section) : ['<p>No feed has been polled in the last 30 days.</p>'];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Courier: poll statistics</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Poll statistics</h1>
<p>The last 30 days to ${today} (UTC). Subscribers are those aggregators report in their User-Agents, plus one
for each poller that reports none; pollers are distinct addresses with a User-Agent. Addresses are kept for
the day only. <a href="/metrics">Metrics</a></p>
${sections.join('\n')}
</body>
</html>
`;
}

function section(summary: FeedSummary): string {
  const { latest } = summary;
  const reported = formatReported(latest.subscribers);
  const facts = [
    counted(latest.pollers, 'poller'),
    `about ${counted(subscribersOf(latest), 'subscriber')}` +
      (reported ? ` (${reported}; ${latest.directPollers} direct)` : ''),
    counted(latest.polls, 'poll'),
    `${percent(latest.conditional, latest.polls)} conditional`,
    `${percent(latest.notModified, latest.polls)} answered 304`,
    `${latest.refused} refused`,
  ];
  return `<section>
<h2>/feeds/${escapeHtml(summary.feed)}</h2>
<p>${latest.date}: ${escapeHtml(facts.join(', '))}.</p>
${renderChart(`/feeds/${summary.feed}`, summary.days)}
${clientTable(summary)}
${pollerTable(summary.pollers)}
</section>`;
}

function clientTable({ latest }: FeedSummary): string {
  const rows = Object.entries(latest.clients)
    .sort(([, a], [, b]) => b.polls - a.polls)
    .map(([name, client]) => {
      const cells = [
        client.pollers,
        client.polls,
        formatInterval(client.interval),
        percent(client.conditional, client.polls),
        percent(client.notModified, client.polls),
        client.refused,
        latest.subscribers[name]?.toLocaleString('en-US') ?? '–',
      ].map((cell) => `<td class="n">${escapeHtml(String(cell))}</td>`);
      return `<tr><th scope="row">${escapeHtml(name)}</th>${cells.join('')}</tr>`;
    });
  const heads = ['Client', 'Pollers', 'Polls', 'Every', 'Conditional', '304', 'Refused', 'Subscribers reported'];
  return `<table><caption>Clients on ${latest.date}</caption>${headRow(heads)}
<tbody>${rows.join('\n')}</tbody></table>`;
}

function pollerTable(pollers: readonly PollerToday[]): string {
  if (pollers.length === 0) return '';
  const rows = pollers.map((poller) => {
    const every = poller.polls > 1 ? (poller.last - poller.first) / (poller.polls - 1) / 1000 : null;
    const cells = [
      poller.address,
      poller.name,
      poller.polls,
      formatInterval(every),
      percent(poller.conditional, poller.polls),
      poller.refused,
    ];
    const row = [...cells.map(String), poller.userAgent].map((cell) => `<td>${escapeHtml(cell)}</td>`);
    return `<tr>${row.join('')}</tr>`;
  });
  const heads = ['Address', 'Client', 'Polls', 'Every', 'Conditional', 'Refused', 'User-Agent'];
  return `<details><summary>Today's ${counted(pollers.length, 'poller')}</summary><table>${headRow(heads)}
<tbody>${rows.join('\n')}</tbody></table></details>`;
}

function headRow(heads: readonly string[]): string {
  return `<thead><tr>${heads.map((head) => `<th scope="col">${head}</th>`).join('')}</tr></thead>`;
}
