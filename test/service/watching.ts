import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { record, TempContent } from '../helpers/content.js';
import { request } from '../helpers/http.js';
import { CourierProcess } from './courier-process.js';

/** Once a year: the schedule never builds during a test, so every build seen was triggered by a change. */
export const NEVER = '0 0 1 1 *';
/** The bound on "within a second" in a test: generous, for a loaded machine; the latency itself is printed. */
export const BOUND_MS = 5_000;

/** A record published `secondsAgo` (by default a day) before the real time, by the staff, in no category. */
export function story(title: string, secondsAgo = 86_400): string {
  const published = `${new Date(Date.now() - secondsAgo * 1000).toISOString().slice(0, 19)}+00:00`;
  return record(`title: ${title}\npublished: "${published}"\nauthors: [Staff Report]`);
}

/** A real `courier serve` over a temporary content folder, with the schedule out of the way. */
export class WatchedService {
  readonly content = new TempContent();
  courier: CourierProcess | undefined;
  url = '';

  /** Starts `courier serve` over `contentDir` (the temporary folder unless given) and waits for its first build. */
  async start(env: Record<string, string> = {}, contentDir = this.content.content): Promise<void> {
    const args = ['serve', '--content', contentDir, '--out', this.content.out];
    this.courier = new CourierProcess(args, { COURIER_SCHEDULE: NEVER, COURIER_MAX_DROP: '100', ...env });
    this.url = await this.courier.url();
    await this.courier.line(/"msg":"build finished/, 30_000);
    await this.courier.line(/"msg":"watching /, 30_000);
  }

  async feed(): Promise<string> {
    return (await request(this.url, '/feeds/rss.xml')).body.toString();
  }

  /**
   * Runs `change`, then polls the served feed every 20 ms until `served` says yes; returns the milliseconds from
   * the end of the change to the first feed that shows it, and prints them. Fails after BOUND_MS.
   */
  async latency(what: string, change: () => void, served: (feed: string) => boolean): Promise<number> {
    change();
    const changed = performance.now();
    const seen = await waitForFast(async () => served(await this.feed()) || undefined, BOUND_MS);
    const took = performance.now() - changed;
    if (!seen) throw new Error(`${what}: not served within ${BOUND_MS} ms:\n${this.courier?.stdout ?? ''}`);
    console.log(`      ${what}: served ${took.toFixed(0)} ms after the change`);
    return took;
  }

  /** The "build started" entries of the log with this trigger. */
  builds(trigger: string): Array<Record<string, unknown>> {
    return (this.courier?.logs() ?? []).filter(
      (entry) => String(entry.msg).startsWith('build started: ') && entry.trigger === trigger,
    );
  }

  /** Saves a record as editors do: the whole text written to a temporary file beside it, renamed over it. */
  saveByRename(path: string, text: string): void {
    const full = join(this.content.content, 'articles', path);
    const temp = `${full}.tmp-${process.pid}`;
    writeFileSync(temp, text);
    renameSync(temp, full);
  }

  async stop(): Promise<void> {
    await this.courier?.stop();
    this.content.remove();
  }
}

/** waitFor, looking every 20 ms. */
async function waitForFast<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || performance.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
