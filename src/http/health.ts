import { isErrnoException } from '../lib/errors.js';
import { WriteError } from '../publish/write-error.js';

/**
 * - starting: no build has finished yet (the feeds of the last run, if any, are served meanwhile);
 * - failing: builds have finished, none has succeeded, and no feeds are served;
 * - degraded: feeds are served, but the last build failed (a disk write included) or was held by a publish
 *   guard, no build has succeeded since the start, the last success is older than staleAfter, or the state
 *   shared with other instances (Redis) cannot be reached;
 * - ok: otherwise.
 */
export type HealthStatus = 'ok' | 'degraded' | 'failing' | 'starting';

/** A folder that could not be written, and the system's error code. */
export interface DiskError {
  readonly folder: string | null;
  readonly code: string | null;
}

export interface BuildSuccess {
  readonly at: number;
  readonly durationMs: number;
  readonly articles: number;
  readonly records: number;
  readonly written: number;
  /** Records whose file is invalid, published at their last good version. */
  readonly kept: readonly string[];
  readonly problems: readonly string[];
}

export interface BuildFailure {
  readonly at: number;
  readonly reason: string;
  readonly problems: readonly string[];
  readonly disk?: DiskError | undefined;
}

export interface BuildHeld {
  readonly at: number;
  readonly reason: string;
  readonly problems: readonly string[];
}

/** The last build of each outcome, and which outcome came last. */
export interface BuildRecords {
  success?: BuildSuccess;
  failure?: BuildFailure;
  held?: BuildHeld;
  last?: 'success' | 'failure' | 'held';
}

/** /healthz: what anyone may know. Times are ISO 8601; counts are of the feeds being served. */
export interface PublicHealth {
  readonly status: HealthStatus;
  /** When the last build finished, whatever became of it. */
  readonly lastBuild: string | null;
  readonly lastSuccess: string | null;
  readonly lastFailure: string | null;
  /** Public articles of the last successful build. */
  readonly articles: number | null;
  /** Files served under /feeds/: each feed in each format, and the OPML. */
  readonly feeds: number;
}

type Timed<T> = Omit<T, 'at'> & { readonly at: string };

/** What the service's operators may know: a plain object, ready for JSON. */
export interface HealthDetails {
  readonly status: HealthStatus;
  /** Why the status is not ok, one sentence each; empty when it is. */
  readonly reasons: readonly string[];
  readonly staleAfter: number;
  readonly servedFiles: number;
  readonly lastSuccess: Timed<BuildSuccess> | null;
  readonly lastFailure: (Omit<Timed<BuildFailure>, 'disk'> & { readonly disk: DiskError | null }) | null;
  readonly lastHeld: Timed<BuildHeld> | null;
}

const SECOND = 1000;
/** A system error's code (ENOSPC, EIO, …), not one of Node's own (ERR_…). */
const SYSTEM_ERROR = /^E[A-Z]+$/;

/** The status the builds and the served feeds add up to, and why (see HealthStatus). */
export function assess(
  builds: BuildRecords,
  served: number,
  now: number,
  staleAfter: number,
  elsewhere: readonly string[] = [],
): { status: HealthStatus; reasons: string[] } {
  const { success, failure, held, last } = builds;
  if (last === undefined) return { status: 'starting', reasons: ['no build has finished yet', ...elsewhere] };
  const reasons: string[] = [...elsewhere];
  if (last === 'failure' && failure) reasons.push(`the last build failed: ${failure.reason}`);
  if (last === 'held' && held) reasons.push(`a publish guard held the last build: ${held.reason}`);
  if (!success && served === 0) {
    return { status: 'failing', reasons: [...reasons, 'no build has succeeded and no feeds are served'] };
  }
  if (!success) reasons.push('no build has succeeded since the start: the feeds served are those found on disk');
  else if (now - success.at > staleAfter * SECOND) {
    const age = Math.floor((now - success.at) / SECOND);
    reasons.push(`the last successful build finished ${age} s ago, more than ${staleAfter} s`);
  }
  return { status: reasons.length > 0 ? 'degraded' : 'ok', reasons };
}

/** The folder and code of a failed write, found along the error's causes; undefined for any other error. */
export function diskErrorOf(error: unknown): DiskError | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++) {
    if (cause instanceof WriteError) return { folder: cause.outDir, code: cause.code ?? null };
    if (isErrnoException(cause) && SYSTEM_ERROR.test(cause.code)) return { folder: null, code: cause.code };
  }
  return undefined;
}
