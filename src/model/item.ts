import { setImmediate } from 'node:timers/promises';
import type { BodyInput, BodyOutput, BodyRenderer } from '../content/body-input.js';
import { SUMMARY_LIMIT, renderBody } from '../content/markdown.js';
import type { Article } from '../content/types.js';
import type { FeedItem } from './types.js';
import { toItem, type MadeItem } from './made-item.js';

/** Where an article's Markdown body comes from: records do not keep theirs. */
export type BodyOf = (article: Article) => string;

/** How prepare() renders many bodies at once: the renderer (a BodyPool), and where each body is read from. */
export interface BatchRendering {
  readonly renderer: BodyRenderer;
  /** The record file an article's body is read from, by the renderer, off this thread; without it, bodyOf. */
  readonly fileOf?: (article: Article) => string;
}

/** Bodies handed to the renderer at a time by prepare(): its workers start on the first while the next are listed. */
const PREPARE_SLICE = 480;

/**
 * Makes feed items from articles, once per record version: the loader hands back the same Article object
 * while its file is unchanged, so the Markdown of an unchanged article is never rendered twice by one maker.
 * With a batch renderer (a BodyPool), prepare() renders many bodies at once off the calling thread.
 */
export class ItemMaker {
  private readonly made = new WeakMap<Article, MadeItem>();

  constructor(
    private readonly bodyOf: BodyOf,
    private readonly batch?: BatchRendering,
  ) {}

  /** The item and its parts. */
  make(article: Article): MadeItem {
    let made = this.made.get(article);
    if (!made) {
      const { markdown, url, summaryLimit } = this.inputOf(article);
      made = toItem(article, renderBody(markdown, url, summaryLimit));
      this.made.set(article, made);
    }
    return made;
  }

  /**
   * Makes the items of the articles not made yet, through the body renderer when there is one. `among`: how many
   * the caller prepares in this run, these included (a sweep prepares a few hundred at a time); by default,
   * those of these not made yet.
   */
  async prepare(articles: readonly Article[], among?: number): Promise<void> {
    const waiting = [...new Set(articles)].filter((article) => !this.made.has(article));
    if (!this.batch) {
      for (const article of waiting) this.make(article);
      return;
    }
    const slices: Array<Promise<void>> = [];
    for (let start = 0; start < waiting.length; start += PREPARE_SLICE) {
      const slice: Article[] = [];
      const inputs: BodyInput[] = [];
      for (const article of waiting.slice(start, start + PREPARE_SLICE)) {
        const input = this.readable(article);
        if (input === undefined) continue;
        slice.push(article);
        inputs.push(input);
      }
      const rendered = this.batch.renderer.render(inputs, among ?? waiting.length);
      const kept = rendered.then((bodies) => this.keep(slice, bodies));
      kept.catch(() => undefined); // reported by Promise.all below, not as unhandled while more slices are read
      slices.push(kept);
      // Lets the workers' answers in, so they are sent their next batches while this thread lists more.
      await setImmediate();
    }
    await Promise.all(slices);
  }

  /**
   * Waits for `work` (a prepare()), rendering bodies that wait for the renderer's workers on this thread
   * meanwhile: for a caller with nothing else to do, so that this thread renders beside the workers.
   */
  async whileWaiting(work: Promise<void>): Promise<void> {
    const state = { done: false };
    const over = (): void => {
      state.done = true;
    };
    work.then(over, over);
    // Each round renders one batch here, then lets the workers' answers in.
    while (!state.done && this.batch?.renderer.renderSomeHere?.()) await setImmediate();
    await work;
  }

  itemFor(article: Article): FeedItem {
    return this.make(article).item;
  }

  /** Lets go of an article's item (it is made again if asked for). */
  forget(article: Article): void {
    this.made.delete(article);
  }

  /** What renderBody is given for an article: its Markdown, its URL, and the text its summary needs. */
  private inputOf(article: Article): { markdown: string; url: string; summaryLimit: number } {
    return { markdown: this.bodyOf(article), url: article.url, summaryLimit: summaryLimitOf(article) };
  }

  /**
   * An article's input for the renderer: its record file, or its body read here. Undefined when its body cannot
   * be read, which make() then fails on, as it did before prepare().
   */
  private readable(article: Article): BodyInput | undefined {
    const { fileOf } = this.batch ?? {};
    const summaryLimit = summaryLimitOf(article);
    if (fileOf) return { file: fileOf(article), url: article.url, summaryLimit };
    try {
      return this.inputOf(article);
    } catch {
      return undefined;
    }
  }

  private keep(articles: readonly Article[], bodies: readonly BodyOutput[]): void {
    for (const [index, article] of articles.entries()) {
      const body = bodies[index];
      if (body && !this.made.has(article)) this.made.set(article, toItem(article, body));
    }
  }
}

/** The plain text an article's summary needs: none when the record has a summary of its own. */
function summaryLimitOf(article: Article): number {
  return article.summary === undefined ? SUMMARY_LIMIT : 0;
}
