import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import type { SavedStats } from './poll-stats.js';
import type { ClientSummary, DayRecord, FeedDay, PollerToday } from './poll-types.js';
import type { SavedFeed, SavedToday } from './saved-today.js';

/** The finished days, counts only: rewritten when a day ends. */
export const DAYS_FILE = 'poll-days.json';
/** Today's tallies, addresses included: rewritten every minute or so, and replaced when the day ends. */
export const TODAY_FILE = 'poll-today.json';

/**
 * The poll statistics saved in the state folder. A missing file reads as nothing counted yet; one that is not
 * JSON is reported as a problem and, when `setAside` (the service, which will save over it), renamed *.damaged
 * so that what it holds may still be recovered by hand. Entries of the wrong shape are left out. The
 * statistics are informative: they never stop the service.
 */
export async function readStats(
  stateDir: string,
  { setAside }: { setAside: boolean },
): Promise<{ saved: SavedStats; problems: string[] }> {
  const problems: string[] = [];
  const days = await readJson(join(stateDir, DAYS_FILE), problems, setAside);
  const today = await readJson(join(stateDir, TODAY_FILE), problems, setAside);
  const savedToday = today === undefined ? undefined : todayOf(today);
  return {
    saved: { days: Array.isArray(days) ? days.flatMap(dayOf) : [], ...(savedToday && { today: savedToday }) },
    problems,
  };
}

/** Writes what changed: the days first, so a stop between the two writes never counts a day twice. */
export async function writeStats(
  stateDir: string,
  changes: { days?: readonly DayRecord[]; today?: SavedToday },
): Promise<void> {
  if (changes.days) await writeAtomically(join(stateDir, DAYS_FILE), `${JSON.stringify(changes.days)}\n`);
  if (changes.today) await writeAtomically(join(stateDir, TODAY_FILE), `${JSON.stringify(changes.today)}\n`);
}

async function readJson(path: string, problems: string[], setAside: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // Missing: nothing counted yet. Unreadable: reported, and counting starts afresh in memory.
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    if (isErrnoException(error)) problems.push(`${path}: ${error.message}`);
    else throw withContext(`reading ${path}`, error);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // Not JSON (a SyntaxError): reported, and set aside when asked; the statistics start again without it.
    if (!setAside) problems.push(`${path}: not JSON (${errorMessage(error)})`);
    else {
      await rename(path, `${path}.damaged`);
      problems.push(`${path}: not JSON (${errorMessage(error)}); set aside as ${path}.damaged`);
    }
    return undefined;
  }
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The entries of a mapping read by `read`, those it refuses (undefined) left out; own keys only. */
function entries<T>(value: unknown, read: (entry: unknown) => T | undefined): Record<string, T> {
  if (!isFields(value)) return {};
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, entry]): Array<[string, T]> => {
      const accepted = read(entry);
      return accepted === undefined ? [] : [[key, accepted]];
    }),
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(value: unknown): DayRecord[] {
  if (!isFields(value) || !DATE.test(text(value.date))) return [];
  return [{ date: text(value.date), feeds: entries(value.feeds, feedDayOf) }];
}

function feedDayOf(value: unknown): FeedDay | undefined {
  if (!isFields(value)) return undefined;
  return {
    ...counts(value, ['polls', 'conditional', 'notModified', 'refused', 'pollers', 'directPollers', 'untracked']),
    subscribers: entries(value.subscribers, (entry) => (typeof entry === 'number' ? count(entry) : undefined)),
    clients: entries(value.clients, clientOf),
  };
}

function clientOf(value: unknown): ClientSummary | undefined {
  if (!isFields(value)) return undefined;
  const interval = typeof value.interval === 'number' ? count(value.interval) : null;
  return { ...counts(value, ['pollers', 'polls', 'conditional', 'notModified', 'refused']), interval };
}

function counts<Name extends string>(value: Fields, names: readonly Name[]): Record<Name, number> {
  return Object.fromEntries(names.map((name) => [name, count(value[name])])) as Record<Name, number>;
}

function todayOf(value: unknown): SavedToday | undefined {
  if (!isFields(value) || !DATE.test(text(value.date))) return undefined;
  return { date: text(value.date), feeds: entries(value.feeds, savedFeedOf) };
}

function savedFeedOf(value: unknown): SavedFeed | undefined {
  if (!isFields(value)) return undefined;
  const reports = entries(value.reports, (entry) =>
    isFields(entry) && typeof entry.count === 'number'
      ? { name: text(entry.name), count: count(entry.count) }
      : undefined,
  );
  const pollers = Array.isArray(value.pollers) ? value.pollers.flatMap(pollerOf) : [];
  return { ...counts(value, ['polls', 'conditional', 'notModified', 'refused', 'untracked']), reports, pollers };
}

function pollerOf(value: unknown): Array<PollerToday & { lastFull: number | null }> {
  if (!isFields(value) || typeof value.address !== 'string') return [];
  const numbers = counts(value, ['polls', 'conditional', 'notModified', 'refused', 'first', 'last']);
  const lastFull = typeof value.lastFull === 'number' ? value.lastFull : null;
  return [{ address: value.address, userAgent: text(value.userAgent), name: text(value.name), ...numbers, lastFull }];
}
