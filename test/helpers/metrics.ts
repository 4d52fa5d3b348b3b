import assert from 'node:assert/strict';
import { request } from './http.js';

/** One sample of a scrape: the metric's name, its labels and its value. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** GET /metrics on the operator's port, as Prometheus scrapes it: the text and its samples. */
export async function scrape(operatorUrl: string): Promise<{ text: string; samples: Sample[] }> {
  const reply = await request(operatorUrl, '/metrics');
  assert.equal(reply.status, 200, 'GET /metrics');
  assert.match(String(reply.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  const text = reply.body.toString('utf8');
  return { text, samples: parseSamples(text) };
}

/** The samples of Prometheus's text format (no escaped quotes in label values: ours have none). */
export function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      assert.ok(match, `not a sample line: ${line}`);
      const pairs = [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m): [string, string] => [
        m[1] ?? '',
        m[2] ?? '',
      ]);
      const labels = Object.fromEntries(pairs);
      return { name: match[1] ?? '', labels, value: Number(match[3]) };
    });
}

/** The sum of the samples of `name` whose labels include `labels`; 0 when there is none. */
export function total(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
