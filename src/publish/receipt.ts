import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { removeFile, writeAtomically } from '../lib/files.js';
import { folderDigest } from '../lib/folder-digest.js';
import type { BuildCounts } from './report.js';

export const RECEIPT_FILE = 'build-receipt.json';

/** The folders a build reads and writes. */
export interface ReceiptFolders {
  readonly contentDir: string;
  readonly feedsDir: string;
  readonly stateDir: string;
}

interface Receipt {
  readonly schema: typeof SCHEMA;
  /** Courier's code, Node's version and the builder's options, hashed (setupDigest). */
  readonly setup: string;
  /** The moment the build was made as of. */
  readonly builtAt: number;
  /** When the clock alone next changes a feed (BuildReport.nextChange); null when nothing waits. */
  readonly until: number | null;
  /** The content folder as the build found it, the feeds and state folders as it left them (folderDigest). */
  readonly content: string;
  readonly feeds: string;
  readonly state: string;
  readonly counts: BuildCounts;
}

const SCHEMA = 1;
/** Where this module's code is: the bundle's folder, for a command run as users run it. */
const CODE_FOLDER = fileURLToPath(new URL('.', import.meta.url));

/**
 * The receipt a `courier build` leaves when it published with no problem at all: the folders as it found the
 * content and left the feeds and the state. A later `courier build` in a new process that finds every file of
 * the three folders as the receipt says, with the same code, Node and options, not before that build by the clock
 * and before the clock alone changes a feed, knows a build would change nothing, and says so without reading a
 * record (docs/decisions.md, "Builds are incremental", build-receipt.json). Anything else, including a receipt it
 * cannot read, means a build.
 */
export class BuildReceipts {
  private readonly file: string;

  constructor(
    private readonly folders: ReceiptFolders,
    private readonly setup: string,
  ) {
    this.file = join(folders.stateDir, RECEIPT_FILE);
  }

  /** The content folder as a build is about to read it; undefined when it cannot be looked at whole. */
  contentNow(): string | undefined {
    return digestOrUndefined(() => folderDigest(this.folders.contentDir, { hidden: false }));
  }

  /** The counts of the build the receipt describes when it holds as of `now`; undefined when a build must look. */
  holding(now: number, content: string | undefined): BuildCounts | undefined {
    const receipt = content === undefined ? undefined : this.read();
    if (receipt?.setup !== this.setup || receipt.content !== content) return undefined;
    if (now < receipt.builtAt || (receipt.until !== null && now >= receipt.until)) return undefined;
    const feeds = digestOrUndefined(() => this.feedsNow());
    if (feeds !== receipt.feeds || digestOrUndefined(() => this.stateNow()) !== receipt.state) return undefined;
    return receipt.counts;
  }

  /**
   * Leaves the receipt of a build made as of `builtAt` from the content `content` (contentNow before it read
   * any record). A receipt that cannot be written is no failure: the next build looks at every record.
   */
  async save(content: string | undefined, builtAt: number, until: number | undefined, counts: BuildCounts) {
    const feeds = digestOrUndefined(() => this.feedsNow());
    const state = digestOrUndefined(() => this.stateNow());
    if (content === undefined || feeds === undefined || state === undefined) return this.forget();
    const receipt: Receipt = {
      schema: SCHEMA,
      setup: this.setup,
      builtAt,
      until: until ?? null,
      content,
      feeds,
      state,
      counts,
    };
    await writeAtomically(this.file, `${JSON.stringify(receipt)}\n`).catch(() => this.forget());
  }

  /** Takes the receipt away: what the folders hold is no longer what a build with no problem left. */
  async forget(): Promise<void> {
    await removeFile(this.file).catch(() => undefined);
  }

  private feedsNow(): string {
    return folderDigest(this.folders.feedsDir, { hidden: true });
  }

  private stateNow(): string {
    return folderDigest(this.folders.stateDir, { hidden: true, except: [RECEIPT_FILE] });
  }

  private read(): Receipt | undefined {
    try {
      const data: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return isReceipt(data) ? data : undefined;
    } catch {
      return undefined; // none, or torn, or not ours: a build looks
    }
  }
}

/** Courier's code (the files of the folder it runs from), Node's version and the options given, hashed. */
export function setupDigest(version: string, options: unknown): string {
  const code = folderDigest(CODE_FOLDER, { hidden: false });
  return createHash('sha256')
    .update(JSON.stringify([version, process.version, code, options]))
    .digest('hex');
}

function digestOrUndefined(digest: () => string): string | undefined {
  try {
    return digest();
  } catch {
    return undefined; // a folder that cannot be walked whole now: no shortcut
  }
}

function isReceipt(data: unknown): data is Receipt {
  if (!isObject(data) || data.schema !== SCHEMA || !isObject(data.counts)) return false;
  const { setup, builtAt, until, content, feeds, state } = data;
  const strings = [setup, content, feeds, state].every((value) => typeof value === 'string');
  return strings && typeof builtAt === 'number' && (until === null || typeof until === 'number');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
