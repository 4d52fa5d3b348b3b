import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import { Builder } from '../publish/builder.js';
import type { Config } from '../config/config.js';
import { formatProblem } from '../content/problem.js';
import { FeedStore } from '../http/feed-store.js';
import { PartnerStore } from '../http/partner-store.js';
import { readPulls, writePulls } from '../partners/pulls.js';
import { createServer } from '../http/server.js';
import { ServiceState } from '../http/state.js';
import { PARTNERS_FILE } from '../partners/registry.js';
import { watchPartners } from './watch-partners.js';

export type Clock = () => number;
export type Log = (line: string) => void;

export interface RunningService {
  readonly server: Server;
  readonly state: ServiceState;
  readonly url: string;
  /** Runs a build now (or joins the one running) and publishes it. */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the service: serves the last good feeds from disk at once, builds, then rebuilds on the schedule.
 * A build that throws is logged and leaves the served feeds as they were.
 */
export async function startService(
  config: Config,
  clock: Clock,
  log: Log,
  options: { schedule?: boolean } = {},
): Promise<RunningService> {
  const accessLog = config.accessLog ? (line: string) => log(`courier: ${line}`) : undefined;
  const state = new ServiceState(new FeedStore(config.cache), new PartnerStore(config.cache, clock));
  state.pulls = await readPulls(config.stateDir);
  const builder = new Builder(config.contentDir, config.feedsDir, { stateDir: config.stateDir });
  state.store.replace([...(await builder.previousFiles()).values()]);
  let lastProblems = '';
  const savePulls = async () => {
    if (!state.pullsChanged) return;
    state.pullsChanged = false;
    await writePulls(config.stateDir, state.pulls);
  };
  const rebuild = async () => {
    const started = clock();
    try {
      const report = await builder.build(started);
      state.accept(report, clock(), clock() - started);
      await savePulls();
      const problems = report.problems.map(formatProblem).join('\n');
      if (problems !== lastProblems && problems !== '') log(`courier: problems in the content:\n${problems}`);
      lastProblems = problems;
      if (report.written.length > 0 || report.removed.length > 0) {
        const { publicArticles, written, removed } = report;
        const files = report.publication?.files ?? [];
        const changes = `wrote ${written.length}, removed ${removed.length}`;
        log(`courier: built ${publicArticles} articles into ${files.length} files; ${changes}`);
      }
    } catch (error) {
      state.fail(error, clock());
      const reason = error instanceof Error ? error.stack : String(error);
      log(`courier: build failed, still serving the previous feeds: ${reason}`);
    }
  };
  const server = createServer({ state, clock, log, partnerPullsPerMinute: config.partnerPullsPerMinute, accessLog });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await rebuild();
  const task: ScheduledTask | undefined =
    options.schedule === false
      ? undefined
      : cron.schedule(config.schedule, rebuild, { name: 'courier-build', noOverlap: true });
  // partners.yaml counts within seconds of a change, not at the next scheduled build.
  const stopWatchingPartners = watchPartners(join(config.contentDir, PARTNERS_FILE), rebuild, log);
  return {
    server,
    state,
    rebuild,
    url: `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}/`,
    close: async () => {
      stopWatchingPartners();
      await task?.destroy();
      await savePulls().catch((error: unknown) => log(`courier: could not save partner pulls: ${String(error)}`));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
