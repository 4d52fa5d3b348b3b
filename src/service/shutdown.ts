import { access } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../publish/manifest.js';
import { STAGING_DIR } from '../publish/staging.js';
import { durationMs, type Logger } from '../lib/logger.js';
import type { InFlightResponses } from './in-flight.js';

export interface ShutdownDeps {
  readonly server: Server;
  readonly responses: InFlightResponses;
  /** The build in progress (or the load of the last one from disk), if any. */
  readonly work: () => Promise<void> | undefined;
  readonly feedsDir: string;
  /** How long the build and the responses in flight may take, together, in ms. */
  readonly timeoutMs: number;
  /** A monotonic clock in ms, for the duration in the log. */
  readonly elapsed: () => number;
  readonly savePulls: () => Promise<void>;
  readonly log: Logger;
}

/**
 * A build past the deadline that has staged everything is renaming its files into place: a short job, and the
 * one moment an exit would leave the folder between two builds (until the next start rolls it forward).
 * It gets this much longer.
 */
export const COMMIT_GRACE_MS = 5_000;

type BuildOutcome = 'none' | 'finished' | 'abandoned';

/**
 * Stops a running service within the deadline, and logs one line saying how:
 *
 * 1. stop accepting connections, close idle keep-alive connections, and have every further response close
 *    its connection;
 * 2. wait, both until the deadline: for the build in progress (or abandon it: it publishes through staging,
 *    so the folder keeps the last whole build) and for the responses in flight;
 * 3. close every connection left, half-sent requests included;
 * 4. save partner pulls.
 *
 * The caller has stopped the schedule first, so no build starts meanwhile.
 */
export async function shutDown(deps: ShutdownDeps): Promise<void> {
  const { server, responses, elapsed, log } = deps;
  const started = elapsed();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  responses.closeConnectionsAfterResponses();
  server.closeIdleConnections();
  const inFlight = responses.count;
  const deadline = delay(deps.timeoutMs);
  const [build, drained] = await Promise.all([
    waitForBuild(deps, deadline.expired),
    settledBefore(responses.drained(), deadline.expired),
  ]);
  deadline.cancel();
  const cutOff = drained ? 0 : responses.count;
  server.closeAllConnections();
  await deps.savePulls();
  const took = durationMs(elapsed() - started);
  const how = `${describeBuild(build)}; ${describeResponses(inFlight, cutOff)}`;
  log.info(`shut down in ${(took / 1000).toFixed(1)} s; ${how}`, { durationMs: took, build, inFlight, cutOff });
  // Every socket is destroyed by now; the server says so at its next turn. Bounded all the same.
  const wait = delay(1_000);
  await Promise.race([closed, wait.expired]);
  wait.cancel();
}

async function waitForBuild(deps: ShutdownDeps, expired: Promise<void>): Promise<BuildOutcome> {
  const running = deps.work();
  if (!running) return 'none';
  if (await settledBefore(running, expired)) return 'finished';
  if (!(await commitUnderway(deps.feedsDir))) return 'abandoned';
  const grace = delay(COMMIT_GRACE_MS);
  const finished = await settledBefore(running, grace.expired);
  grace.cancel();
  return finished ? 'finished' : 'abandoned';
}

/** Whether a build has staged its manifest and not yet moved it into place: see publish/staging.ts. */
async function commitUnderway(feedsDir: string): Promise<boolean> {
  try {
    await access(join(feedsDir, STAGING_DIR, MANIFEST_FILE));
    return true;
  } catch {
    // Missing (or unreadable, which a commit could not go on with either): no commit under way.
    return false;
  }
}

/** True when `work` settles (either way) before `expired` resolves. */
async function settledBefore(work: Promise<unknown>, expired: Promise<void>): Promise<boolean> {
  const settled = work.then(
    () => true,
    () => true, // how it went is its owner's to report; here only "when" matters
  );
  return Promise.race([settled, expired.then(() => false)]);
}

function delay(ms: number): { expired: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
}

function describeBuild(build: BuildOutcome): string {
  if (build === 'none') return 'no build was running';
  if (build === 'finished') return 'the build in progress finished';
  return 'the build in progress was abandoned at the deadline (the feeds folder keeps the last whole build)';
}

function describeResponses(inFlight: number, cutOff: number): string {
  const responses = (n: number) => `${n} ${n === 1 ? 'response' : 'responses'}`;
  if (cutOff > 0) return `${responses(cutOff)} cut off at the deadline`;
  return inFlight === 0 ? 'no responses in flight' : `${responses(inFlight)} in flight finished`;
}
