/**
 * What the serve benchmark (serve.ts) prints at the end: each scenario's medians over the rounds, and the
 * Courier/bare and Courier/nginx ratios taken round by round (the two runs of a pair are back to back, so a
 * machine that changes speed between rounds moves both) and summed up as their median and range.
 */
import type { WrkResult } from './wrk.js';

export type ServerName = 'courier' | 'bare' | 'nginx';
export type Status = 200 | 304;

export interface Measured {
  readonly server: ServerName;
  readonly status: Status;
  readonly round: number;
  readonly wrk: WrkResult;
  /** Cores the server used during the run (1 = one core). */
  readonly serverCores: number;
  /** Server CPU seconds per request answered. */
  readonly cpuPerRequest: number;
  /** The responses' mean size says they were not what the scenario expects (a 200 where a 304 was asked). */
  readonly wrongShape: boolean;
}

const LABELS: Readonly<Record<ServerName, string>> = { courier: 'Courier', bare: 'bare', nginx: 'nginx' };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function printReport(measured: readonly Measured[], write: (text: string) => void): void {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'not as asked', 'server CPU'];
  header.push('wrk CPU', 'CPU µs/req');
  const rows: string[][] = [];
  for (const status of [200, 304] as const) {
    for (const server of ['courier', 'bare', 'nginx'] as const) {
      const runs = measured.filter((m) => m.server === server && m.status === status);
      if (runs.length === 0) continue;
      const of = (pick: (m: Measured) => number) => median(runs.map(pick));
      const total = (pick: (m: Measured) => number) => runs.reduce((sum, m) => sum + pick(m), 0);
      const notAsAsked = total((m) => m.wrk.unexpected + m.wrk.socketErrors + (m.wrongShape ? m.wrk.requests : 0));
      rows.push([
        `${LABELS[server]} ${status}`,
        of((m) => m.wrk.requestsPerSecond).toFixed(0),
        of((m) => m.wrk.p50Ms).toFixed(2),
        of((m) => m.wrk.p99Ms).toFixed(2),
        Math.max(...runs.map((m) => m.wrk.maxMs)).toFixed(1),
        String(total((m) => m.wrk.requests)),
        String(notAsAsked),
        `${(of((m) => m.serverCores) * 100).toFixed(0)} %`,
        `${(of((m) => m.wrk.cpuSeconds / m.wrk.seconds) * 100).toFixed(0)} %`,
        (of((m) => m.cpuPerRequest) * 1e6).toFixed(1),
      ]);
    }
  }
  write(`\nMedians of ${roundsOf(measured)} round(s) (requests summed):\n${table(header, rows)}\n`);
  for (const other of ['bare', 'nginx'] as const) {
    const parts = ([200, 304] as const).map((status) => `${status}: ${ratios(measured, status, other)}`);
    write(`Courier / ${other}, round by round: ${parts.join('; ')}\n`);
  }
  const wrong = measured.filter((m) => m.wrongShape || m.wrk.unexpected > 0 || m.wrk.socketErrors > 0);
  if (wrong.length > 0) {
    const runs = wrong.map((m) => `${LABELS[m.server]} ${m.status} round ${m.round}`).join(', ');
    write(`warning: responses not as asked, or socket errors, in ${runs}: those figures are not comparable\n`);
  }
}

function roundsOf(measured: readonly Measured[]): number {
  return new Set(measured.map((m) => m.round)).size;
}

/** Courier's requests/s and CPU per request over the other server's, one ratio a round: median [lowest–highest]. */
function ratios(measured: readonly Measured[], status: Status, other: ServerName): string {
  const rounds = [...new Set(measured.map((m) => m.round))];
  const pairs = rounds.flatMap((round) => {
    const find = (server: ServerName) =>
      measured.find((m) => m.round === round && m.status === status && m.server === server);
    const courier = find('courier');
    const them = find(other);
    return courier && them ? [{ courier, them }] : [];
  });
  const throughput = pairs.map(({ courier, them }) => courier.wrk.requestsPerSecond / them.wrk.requestsPerSecond);
  const cpu = pairs.map(({ courier, them }) => courier.cpuPerRequest / them.cpuPerRequest);
  const range = (values: readonly number[]) =>
    `${median(values).toFixed(2)}× [${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}]`;
  return `req/s ${range(throughput)}, CPU a request ${range(cpu)}`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [header, ...rows].map((cells) => `  ${line(cells)}`).join('\n');
}
