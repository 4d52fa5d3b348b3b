import { escapeHtml } from '../model/html.js';

/** One day of one feed, as a chart draws it. */
export interface ChartDay {
  readonly date: string;
  readonly pollers: number;
  readonly subscribers: number;
}

const WIDTH = 600;
const LEFT = 52;
const RIGHT = 8;
/** The two panels, top and bottom of each: subscribers above, pollers below, each on a scale of its own. */
const SUBSCRIBERS = { top: 22, bottom: 100 } as const;
const POLLERS = { top: 128, bottom: 196 } as const;
const HEIGHT = 220;
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

type Panel = typeof SUBSCRIBERS | typeof POLLERS;

/**
 * An inline SVG chart of a feed's days, oldest first: subscribers (reported by aggregators, plus one per
 * direct poller) as a line above, distinct pollers as bars below. Two scales, since one aggregator's count can
 * be a thousand times its one poller. No script: it scales with the page, each bar's title gives its day's
 * numbers on hover, and the chart's title reads the last day's to a screen reader.
 */
export function renderChart(feed: string, days: readonly ChartDay[]): string {
  const step = (WIDTH - LEFT - RIGHT) / Math.max(1, days.length);
  const x = (index: number) => LEFT + step * index;
  const subscribersTop = niceCeiling(Math.max(...days.map((day) => day.subscribers)));
  const pollersTop = niceCeiling(Math.max(...days.map((day) => day.pollers)));
  const bars = days.map((day, index) => {
    const top = y(POLLERS, day.pollers, pollersTop);
    const title = `<title>${day.date}: ${day.pollers} pollers, ${day.subscribers} subscribers</title>`;
    const box =
      `x="${f(x(index) + step * 0.15)}" y="${f(top)}" ` +
      `width="${f(step * 0.7)}" height="${f(POLLERS.bottom - top)}"`;
    return `<rect ${box} class="pollers">${title}</rect>`;
  });
  const points = days.map(
    (day, index) => `${f(x(index) + step / 2)},${f(y(SUBSCRIBERS, day.subscribers, subscribersTop))}`,
  );
  const last = days.at(-1);
  const first = days[0];
  const label =
    first && last
      ? `${feed}, ${first.date} to ${last.date}: ` +
        `${last.subscribers} subscribers and ${last.pollers} pollers on the last day`
      : `${feed}: no polls`;
  const dates =
    first && last
      ? `<text x="${LEFT}" y="${HEIGHT - 4}" class="axis">${first.date}</text>` +
        `<text x="${WIDTH - RIGHT}" y="${HEIGHT - 4}" class="axis" text-anchor="end">${last.date}</text>`
      : '';
  return [
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}" xmlns="${SVG_NAMESPACE}">`,
    `<title>${escapeHtml(label)}</title>`,
    ...scale(SUBSCRIBERS, subscribersTop, 'subscribers'),
    ...scale(POLLERS, pollersTop, 'pollers'),
    ...bars,
    points.length > 0 ? `<polyline points="${points.join(' ')}" class="subscribers"/>` : '',
    dates,
    '</svg>',
  ].join('\n');
}

/** The days from `first` to `last` (UTC dates), each with its numbers or zeros: a day without polls is drawn. */
export function everyDay(first: string, last: string, known: ReadonlyMap<string, ChartDay>): ChartDay[] {
  const days: ChartDay[] = [];
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= Date.parse(`${last}T00:00:00Z`); at += 86_400_000) {
    const date = new Date(at).toISOString().slice(0, 10);
    days.push(known.get(date) ?? { date, pollers: 0, subscribers: 0 });
  }
  return days;
}

function y(panel: Panel, value: number, top: number): number {
  return panel.bottom - (value / top) * (panel.bottom - panel.top);
}

/** A panel's name and its lines at 0, half and the top of its scale. */
function scale(panel: Panel, top: number, name: string): string[] {
  const lines = [0, top / 2, top].map((value) => {
    const at = f(y(panel, value, top));
    return (
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at}" y2="${at}" class="grid"/>` +
      `<text x="${LEFT - 6}" y="${at}" class="axis" text-anchor="end" dominant-baseline="middle">${count(value)}</text>`
    );
  });
  return [`<text x="${LEFT}" y="${panel.top - 8}" class="axis">${name}</text>`, ...lines];
}

/** The smallest of 1, 2 or 5 × 10ⁿ at or above `value` (2 at least): a scale whose half is a round number. */
function niceCeiling(value: number): number {
  if (value <= 2) return 2;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= value) ?? 10 * magnitude;
}

function count(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

function f(value: number): string {
  return value.toFixed(1);
}
