import type { Problem } from '../content/problem.js';

/** Records parsed from which a build saves the parse cache while it renders, not after. */
const SAVE_EARLY_FROM = 2000;

/**
 * When a builder saves the parse cache: after each build, in the background (the feeds are out, and a service
 * serves them, while 50,000 parsed records are written for the next process), or while the feeds render when
 * the build parsed thousands of records (a cold build has the time between its renders, and its process
 * would wait for it at the end). What went wrong saving it is said by the next report, or at close.
 */
export class CacheSaving {
  private saving: Promise<readonly Problem[]> = Promise.resolve([]);
  private early: Promise<readonly Problem[]> | undefined;

  /** `save` saves the records parsed and not saved yet (ContentReader.saveCache): a warning each, if any. */
  constructor(private readonly save: () => Promise<readonly Problem[]>) {}

  /** Waits for the last save to end; what went wrong with it, said once. */
  async said(): Promise<readonly Problem[]> {
    const late = await this.saving;
    this.saving = Promise.resolve([]);
    return late;
  }

  /** A build that parsed `parsed` records is about to render: it saves now if they are thousands. */
  rendering(parsed: number): void {
    if (parsed >= SAVE_EARLY_FROM) this.early = this.save();
  }

  /** A build ended, whichever way: what is left unsaved is saved, after the early save if there was one. */
  built(): void {
    const early = this.early;
    this.early = undefined;
    this.saving = early ? early.then(async (said) => [...said, ...(await this.save())]) : this.save();
  }
}
