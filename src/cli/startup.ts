import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import type { Config } from '../config/config.js';
import { isErrnoException } from '../lib/errors.js';

/** A folder a command needs, and the settings that name it. */
export type Folder = 'content' | 'feeds' | 'state';

const SETTINGS: Record<Folder, string> = {
  content: 'COURIER_CONTENT_DIR or --content',
  feeds: 'COURIER_FEEDS_DIR or --out',
  state: 'COURIER_STATE_DIR or --state',
};

/**
 * What is wrong with the folders a command needs, one line each naming the folder's full path, the setting and
 * the fix; empty when all is well. The content folder must be there to read; the feeds and state folders are
 * made if missing and must be writable (mkdir and access, so the answer is the system's own, root included).
 */
export async function folderMistakes(config: Config, folders: readonly Folder[]): Promise<string[]> {
  const mistakes: string[] = [];
  for (const folder of folders) {
    const mistake =
      folder === 'content' ? await unreadable(config.contentDir) : await unwritable(dirOf(config, folder), folder);
    if (mistake !== undefined) mistakes.push(`the ${folder} folder ${mistake}`);
  }
  return mistakes;
}

function dirOf(config: Config, folder: Exclude<Folder, 'content'>): string {
  return folder === 'feeds' ? config.feedsDir : config.stateDir;
}

/** Why the content folder cannot be read, or undefined. */
async function unreadable(dir: string): Promise<string | undefined> {
  const fix = `set ${SETTINGS.content} to the folder that holds site.yaml and articles/`;
  try {
    if (!(await stat(dir)).isDirectory()) return `${dir} is a file, not a folder: ${fix}`;
    await access(dir, constants.R_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    // Only the system's answers are mistakes to name; anything else is the program's, with its stack.
    if (!isErrnoException(error)) throw error;
    if (error.code === 'ENOENT') return `${dir} does not exist: ${fix}`;
    return `${dir} cannot be read (${error.code}): give this user access, or ${fix}`;
  }
}

/** Why a folder to write in cannot be made or written, or undefined. */
async function unwritable(dir: string, folder: Exclude<Folder, 'content'>): Promise<string | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    // As above: the system's answer is the mistake to name.
    if (!isErrnoException(error)) throw error;
    const fix = `set ${SETTINGS[folder]} to a folder this user can write`;
    // A recursive mkdir reports a read-only disk as ENOENT (nodejs/node#47098): ask again without it.
    const code = error.code === 'ENOENT' ? ((await plainMkdirCode(dir)) ?? error.code) : error.code;
    return `${dir} cannot be written (${code}): ${firstFix(code)}${fix}`;
  }
}

async function plainMkdirCode(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir);
    return undefined;
  } catch (error) {
    return isErrnoException(error) ? error.code : undefined;
  }
}

/** What to try before another folder, by what the system said. */
function firstFix(code: string): string {
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way: move it, or ';
  if (code === 'EROFS') return 'the file system is read-only: mount it writable, or ';
  if (code === 'EACCES' || code === 'EPERM') return 'give this user write access, or ';
  return '';
}

/**
 * The one line for a server that cannot listen, naming the setting and the fix; undefined for an error that is
 * no such mistake (the caller rethrows it).
 */
export function listenMistake(error: unknown, config: Pick<Config, 'port' | 'host'>): string | undefined {
  if (!isErrnoException(error)) return undefined;
  const { code, syscall } = error;
  const anyAddress = 'or 0.0.0.0 to listen on all of them';
  if (syscall === 'getaddrinfo') {
    const fix = `set HOST to one of its addresses, ${anyAddress}`;
    return `HOST ${config.host} is no name this machine can resolve (${code}): ${fix}`;
  }
  if (syscall !== 'listen') return undefined;
  if (code === 'EADDRINUSE') return `PORT ${config.port} is in use: stop the other server or set PORT to a free port`;
  if (code === 'EACCES') return `PORT ${config.port} needs privileges this user lacks: set PORT to 1024 or above`;
  if (code === 'EADDRNOTAVAIL') {
    return `HOST ${config.host} is not an address of this machine: set HOST to one of its addresses, ${anyAddress}`;
  }
  return `cannot listen on ${config.host} port ${config.port} (${code}): check HOST and PORT`;
}
