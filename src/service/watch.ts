import { watch, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import { relative, sep } from 'node:path';
import { ARTICLES_DIR } from '../content/load.js';
import { SITE_FILE } from '../content/site.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { PARTNERS_FILE } from '../partners/registry.js';

export interface ContentWatchOptions {
  readonly contentDir: string;
  /** File system events, or a look at every file each `intervalMs` (network and container mounts). */
  readonly mode: 'events' | 'poll';
  readonly intervalMs: number;
  /**
   * What counts: every input of a build (the records, site.yaml, partners.yaml), or partners.yaml alone (a
   * service whose content builds are started by hand still lets a new or revoked key count within seconds).
   */
  readonly scope: 'content' | 'partners';
  /** Told of each file that was added, changed or removed, by its path under the content folder ('/'-separated). */
  readonly changed: (file: string) => void;
  readonly log: Logger;
  /** Told when `seeing` may have changed: the first scan done, the watch broken. */
  readonly seeingChanged?: () => void;
}

/** Errors of fs.watch that mean "no more watches to be had": polling still works. */
const OUT_OF_WATCHES = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/**
 * Watches the content folder with chokidar for the files a build reads, wherever they are: through symlinked
 * folders (followed), files saved by rename (an editor writes a temporary file beside and renames it over: the
 * temporary file does not count, the rename is a change of the record), and hidden entries (.git, editors' swap
 * files) left alone. When the system has no more watches to give, it says so and polls instead.
 */
export class ContentWatch {
  private watcher: FSWatcher;
  private closed = false;
  private scanned = false;
  private broken = false;

  constructor(private readonly options: ContentWatchOptions) {
    this.watcher = this.open(options.mode);
  }

  /**
   * Whether every change since the first scan was seen: false before it, after the watch broke (even when
   * polling took over, changes may have gone unseen meanwhile) and once closed.
   */
  get seeing(): boolean {
    return this.scanned && !this.broken && !this.closed;
  }

  /** Resolves once the first scan is done (changes from then on are seen), or the watch broke meanwhile. */
  ready(): Promise<void> {
    return new Promise((resolve) => {
      this.watcher.once('ready', resolve);
      this.watcher.once('error', () => resolve());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.watcher.close();
  }

  private open(mode: 'events' | 'poll'): FSWatcher {
    const { contentDir, intervalMs, scope, changed } = this.options;
    const ignored = (path: string, stats?: Stats) => !mayHold(relativePath(contentDir, path), scope, stats);
    const watcher = watch(contentDir, {
      ignoreInitial: true,
      followSymlinks: true,
      ignored,
      usePolling: mode === 'poll',
      interval: intervalMs,
      binaryInterval: intervalMs,
    });
    watcher.on('all', (event, path) => {
      const file = relativePath(contentDir, path);
      if ((event === 'add' || event === 'change' || event === 'unlink') && isInput(file, scope)) changed(file);
    });
    watcher.on('error', (error) => this.failed(mode, error));
    watcher.once('ready', () => {
      if (watcher !== this.watcher) return;
      this.scanned = true;
      this.options.seeingChanged?.();
    });
    return watcher;
  }

  /** A watch that broke: out of watches, polling takes over; anything else is said and the schedule remains. */
  private failed(mode: 'events' | 'poll', error: unknown): void {
    const { log, contentDir, intervalMs } = this.options;
    this.broken = true;
    this.options.seeingChanged?.();
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (mode === 'events' && code !== undefined && OUT_OF_WATCHES.has(code) && !this.closed) {
      log.warn(`cannot watch ${contentDir} (${code}); looking at its files every ${intervalMs} ms instead`);
      const broken = this.watcher;
      this.watcher = this.open('poll');
      broken.close().catch((closing: unknown) => {
        // The broken watcher is being dropped: a failure to close it changes nothing but is worth a line.
        log.warn(`closing the broken watch of ${contentDir} failed: ${errorMessage(closing)}`);
      });
      return;
    }
    log.warn(`watching ${contentDir}: ${errorMessage(error)}; the schedule still builds`, { err: error });
  }
}

function relativePath(contentDir: string, path: string): string {
  return relative(contentDir, path).split(sep).join('/');
}

/**
 * Whether a path under the content folder is, or may hold, a file a build reads: what is not is never watched.
 * `stats` is there only when chokidar has them, and without them a name cannot say whether it is a folder.
 */
export function mayHold(file: string, scope: 'content' | 'partners', stats?: Stats): boolean {
  if (file === '') return true;
  if (scope === 'partners') return file === PARTNERS_FILE;
  const parts = file.split('/');
  if (parts.some((part) => part.startsWith('.'))) return false;
  if (parts.length === 1) return file === SITE_FILE || file === PARTNERS_FILE || file === ARTICLES_DIR;
  return parts[0] === ARTICLES_DIR && !(stats?.isFile() === true && !file.endsWith('.md'));
}

/** Whether a file is one a build reads: site.yaml, partners.yaml, or a record (`.md` under articles/, not hidden). */
export function isInput(file: string, scope: 'content' | 'partners'): boolean {
  if (file === PARTNERS_FILE) return true;
  if (scope === 'partners') return false;
  if (file === SITE_FILE) return true;
  const parts = file.split('/');
  return parts[0] === ARTICLES_DIR && file.endsWith('.md') && !parts.some((part) => part.startsWith('.'));
}
