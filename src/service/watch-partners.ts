import { statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { errorMessage, isErrnoException } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

/** How long a change must rest before the reload: an editor's save is several steps. */
const SETTLE_MS = 200;
/** How often the file is looked at in any case, for folders where change events do not come. */
const POLL_MS = 1000;

/**
 * Calls `reload` within about a second of any change to `file` (partners.yaml), so that a new, revoked or
 * removed key counts within seconds, not at the next scheduled build. The file's folder is watched (an editor
 * saves by writing another file and renaming it over this one, which a watch of the file itself would miss), and
 * the file is also looked at every second, for file systems that send no events. Changes are told apart by the
 * file's size, times and inode, so the event and the look of one change make one reload. `reload` is called
 * twice: a build already running joins the first call, and may have read the file before it changed. Returns
 * the function that stops watching.
 */
export function watchPartners(file: string, reload: () => Promise<void>, log: Logger): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Taken now, not later: a change made meanwhile would otherwise be taken for the first version.
  let seen = signatureNow(file);
  let running: Promise<void> | undefined;
  let again = false;

  const reloadUntilSettled = async () => {
    do {
      again = false;
      await reload();
      if (!stopped) await reload();
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- `settled` sets it during the awaits
    } while (again && !stopped);
  };
  const settled = async () => {
    const now = await signature(file);
    if (stopped || now === seen) return;
    seen = now;
    if (running) {
      again = true;
      return;
    }
    running = reloadUntilSettled()
      .catch((error: unknown) => {
        log.error(`reloading after a change to ${file} failed: ${errorMessage(error)}`, { err: error });
      })
      .finally(() => {
        running = undefined;
      });
  };
  const look = () => {
    settled().catch((error: unknown) => {
      log.error(`looking at ${file} failed: ${errorMessage(error)}`, { err: error });
    });
  };
  const changed = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(look, SETTLE_MS);
  };

  const watcher = watchFolder(file, changed, log);
  // The look every second compares with `seen` itself: fs.watchFile would take its first look later, in the
  // thread pool, and on a busy machine after a change it then never reports.
  const poll = setInterval(look, POLL_MS).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(poll);
    watcher?.close();
  };
}

/** Watches the file's folder for events naming the file; undefined (having said so) when it cannot. */
function watchFolder(file: string, changed: () => void, log: Logger): FSWatcher | undefined {
  const name = basename(file);
  const fallback = (reason: string) =>
    log.warn(`cannot watch ${dirname(file)} (${reason}); looking at ${name} every second instead`);
  try {
    const watcher = watch(dirname(file), { persistent: false }, (_event, filename) => {
      if (filename === null || filename === name) changed();
    });
    watcher.on('error', (error: unknown) => {
      // The watch broke (the folder went, say): polling goes on alone.
      fallback(errorMessage(error));
      watcher.close();
    });
    return watcher;
  } catch (error) {
    // No folder, or no more watches to be had (ENOSPC, EMFILE): polling alone is slower but enough.
    if (!isErrnoException(error)) throw error;
    fallback(error.code);
    return undefined;
  }
}

/** What tells one version of the file from another; 'missing' when there is none. */
async function signature(file: string): Promise<string> {
  try {
    return signatureOf(await stat(file));
  } catch (error) {
    // Gone (or unreadable) is a version of its own: the reload reports what is wrong with it.
    if (isErrnoException(error)) return 'missing';
    throw error;
  }
}

function signatureNow(file: string): string {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats ? signatureOf(stats) : 'missing';
  } catch (error) {
    // Unreadable (a folder we may not enter, say) is a version of its own, as above.
    if (isErrnoException(error)) return 'missing';
    throw error;
  }
}

function signatureOf({ size, mtimeMs, ctimeMs, ino }: Stats): string {
  return `${ino}:${size}:${mtimeMs}:${ctimeMs}`;
}
