import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import type { ArchivePage } from '../model/archive.js';
import type { ItemMaker } from '../model/item.js';
import { byNewest, type FeedPlan } from '../model/plan.js';
import type { ArchiveFile } from './archive-files.js';

/** A page as published: its folder (with its version), its files, and what it was made from. */
export interface MadePage {
  readonly site: Site;
  /** The feed's name when the page was made: its title says it. */
  readonly name: string | undefined;
  readonly articles: readonly Article[];
  readonly prev: string | undefined;
  readonly key: string | undefined;
  readonly folder: string;
  readonly files: readonly ArchiveFile[];
}

/** One feed's pages, oldest first, as far as they are made. */
export interface FeedPages {
  readonly plan: FeedPlan;
  readonly pages: readonly ArchivePage[];
  readonly made: MadePage[];
}

/** A page still to make and how many of its articles are not made yet. */
export interface OpenPage {
  readonly feed: FeedPages;
  readonly page: ArchivePage;
  remaining: number;
}

/**
 * The pages an archive sweep has still to make, by the articles they wait for, and how many of them hold each
 * article: once none does, its item is let go, but for the articles the live feeds show, which render next.
 */
export class OpenPages {
  private readonly waiting = new Map<Article, OpenPage[]>();
  private readonly holders = new Map<Article, number>();

  constructor(feeds: readonly FeedPages[], live: readonly FeedPlan[]) {
    for (const feed of feeds) {
      for (const page of feed.pages.slice(feed.made.length)) {
        const open: OpenPage = { feed, page, remaining: page.articles.length };
        for (const article of page.articles) {
          const pages = this.waiting.get(article);
          if (pages) pages.push(open);
          else this.waiting.set(article, [open]);
          this.holders.set(article, (this.holders.get(article) ?? 0) + 1);
        }
      }
    }
    for (const plan of live) for (const article of plan.articles) this.holders.delete(article);
  }

  /** Every article an open page holds, oldest first: the order the sweep makes their items in. */
  articles(): Article[] {
    return [...this.waiting.keys()].sort((a, b) => byNewest(b, a));
  }

  /** The article's item is made: the pages that waited for it alone, ready to make, in the order they opened. */
  completedBy(article: Article): OpenPage[] {
    const ready: OpenPage[] = [];
    for (const open of this.waiting.get(article) ?? []) {
      open.remaining -= 1;
      if (open.remaining === 0) ready.push(open);
    }
    return ready;
  }

  /** The page is made: the items of its articles that no page still to make holds are let go. */
  made(open: OpenPage, items: ItemMaker): void {
    for (const article of open.page.articles) {
      const held = this.holders.get(article);
      if (held === undefined) continue;
      if (held > 1) this.holders.set(article, held - 1);
      else {
        this.holders.delete(article);
        items.forget(article);
      }
    }
  }
}
