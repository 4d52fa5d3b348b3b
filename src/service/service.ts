import type { Config } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import { FeedStore } from '../http/feed-store.js';
import { PartnerStore } from '../http/partner-store.js';
import { createServer } from '../http/server.js';
import { ServiceState } from '../http/state.js';
import { readPulls } from '../partners/pulls.js';
import { openBuildEngine, type BuildEngine } from './build-engine.js';
import { BuildRunner, type BuildReason } from './builds.js';
import { InFlightResponses } from './in-flight.js';
import { Operations } from './operations.js';
import { savePulls } from './save-pulls.js';
import { Scheduler } from './scheduler.js';
import { shutDown } from './shutdown.js';
import { WatchTriggers } from './watch-triggers.js';
import { WebSub } from '../websub/websub.js';
import { ScaleOut } from './scale.js';
import { lowerOtherThreads } from './thread-priority.js';
import { GUARD_LIMITS } from '../partners/key-guard.js';
import { listen, urlOf } from './listen.js';
import type { Clock, RunningService, ServiceOptions } from './service-types.js';

/**
 * Starts the service and resolves as soon as it listens. Then, in the background (see `ready`): serves the
 * last build from the feeds folder, builds, and rebuilds on the schedule. Until the last build is loaded,
 * /healthz says "starting" and feeds are answered 503 with Retry-After.
 */
export async function openService(
  config: Config,
  clock: Clock,
  log: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const elapsed = options.elapsed ?? (() => performance.now());
  const operations = await Operations.open(config, clock, log);
  const { metrics, polls } = operations;
  const scale = new ScaleOut(config, log, metrics);
  const partners = new PartnerStore(config.cache, clock, GUARD_LIMITS, scale.memory);
  const state = new ServiceState(new FeedStore(config.cache, config.feedsDir), partners);
  scale.attach(state);
  state.pulls = await readPulls(config.stateDir);
  const builder = openBuildEngine(config, scale.validators, log);
  const yieldThreads = options.lowerOtherThreads === true ? lowerOtherThreads : () => undefined;
  yieldThreads();
  // eslint-disable-next-line prefer-const -- assigned once, after the runner it is told by
  let triggers: WatchTriggers | undefined;
  const websub = new WebSub({
    config: config.websub,
    stateDir: config.stateDir,
    clock,
    log,
    metrics: metrics?.websub,
    checkKey: async (key, client) => {
      const verdict = await state.partners.verifier.verify(key, client);
      return 'partner' in verdict ? verdict.partner.id : undefined;
    },
  });
  const builds = new BuildRunner({
    builder,
    state,
    stateDir: config.stateDir,
    staleAfter: config.staleAfter,
    clock,
    elapsed,
    log,
    metrics,
    built: (report) => {
      yieldThreads(); // libuv's pool, started by the first build's compression, among them
      triggers?.built(report);
    },
    watching: () => triggers?.watching() === true,
    published: (publication) => websub.published(publication),
  });
  triggers = new WatchTriggers({ config, builds, wall: clock, elapsed, log, byHand: options.schedule === false });
  const { partnerPullsPerMinute, staleAfter, accessLog } = config;
  const deps = { state, clock, elapsed, log, partnerPullsPerMinute, staleAfter, accessLog, metrics, polls };
  const { limits: limiter, trust } = scale;
  const server = createServer({ ...deps, hub: websub.hub, trust, ...(limiter && { limiter }) });
  const responses = new InFlightResponses(server);
  try {
    await listen(server, config);
    await operations.start();
  } catch (error) {
    // A port taken or an address unknown: the service does not start half set up, and lets the process end (a
    // connection to Redis, retrying, would keep it alive).
    server.close();
    await Promise.allSettled([operations.close(), scale.close(), websub.close(), builder.close()]);
    throw error;
  }
  const scheduler =
    options.schedule === false
      ? undefined
      : new Scheduler({ expression: config.schedule, wall: clock, elapsed, build: () => builds.run(SCHEDULE), log });

  const loaded = loadPrevious(builder, state, websub);
  let loadedYet = false;
  const afterLoad = loaded.then(
    () => (loadedYet = true),
    () => (loadedYet = true), // the failure itself is ready's to report, below
  );
  let closing: Promise<void> | undefined;
  const ready = (async () => {
    await loaded;
    // The first build's Last-Modified comes from the shared record when there is one: give it a moment to connect.
    await scale.connected(2000);
    // The watch starts with the first build: a change made while it reads is built after it.
    if (!closing) await Promise.all([triggers.start(), builds.run(AT_START)]);
    if (!closing) scheduler?.start();
  })();
  const rebuild = async () => {
    await afterLoad;
    await builds.run();
  };
  const close = () =>
    (closing ??= (async () => {
      scheduler?.stop();
      await triggers.stop();
      builds.stop();
      const pulls = () => savePulls({ state, stateDir: config.stateDir, log });
      const timeoutMs = config.shutdownTimeout * 1000;
      const work = () => (loadedYet ? builds.current : loaded);
      await shutDown({ server, responses, work, feedsDir: config.feedsDir, timeoutMs, elapsed, savePulls: pulls, log });
      await builder.close();
      await websub.close();
      await operations.close();
      await scale.close();
    })());
  return { server, state, url: urlOf(server, config), ready, rebuild, close, operations, scale };
}

const AT_START: BuildReason = { trigger: 'start', text: 'at start' };
/** A scheduled build names no file: the watch, when there is one, saw none change (see BuildRunner). */
const SCHEDULE: BuildReason = { trigger: 'schedule', text: 'on schedule', files: [] };

/** `openService`, resolved once the service is ready: its first build served. */
export async function startService(
  config: Config,
  clock: Clock,
  log: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const service = await openService(config, clock, log, options);
  await service.ready;
  return service;
}

/** Serves the last build found in the feeds folder (each file checked against the manifest) until a new one. */
async function loadPrevious(builder: BuildEngine, state: ServiceState, websub: WebSub): Promise<void> {
  const files = [...(await builder.previousFiles()).values()];
  state.store.replace(files, [...builder.previousArchives().values()]);
  websub.seed(files);
  state.feedsLoaded = true;
}
