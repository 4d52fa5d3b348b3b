import type { FeedModel } from '../model/types.js';

/** What an item's fragment depends on besides the item: the feed's language and category schemes. */
export type ItemContext = Pick<FeedModel, 'language' | 'schemes'>;

/**
 * Item fragments already serialised, as UTF-8 bytes, per renderer, item and context: an item shared by many
 * feeds, or unchanged since the last build, is serialised and encoded once, and a feed is then a concatenation
 * of bytes. Its owner creates one and keeps it as long as items may recur (the publisher keeps one across
 * builds); a renderer called without one uses a fresh one, so rendering is pure either way.
 */
export class Fragments {
  private readonly caches = new Map<string, WeakMap<object, Buffer>>();

  of<T extends object>(
    renderer: string,
    item: T,
    context: ItemContext,
    render: (item: T, context: ItemContext) => string,
  ): Buffer {
    const key = `${renderer} ${context.language} ${context.schemes.category} ${context.schemes.tag} ${context.schemes.label}`;
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, (cache = new WeakMap()));
    let fragment = cache.get(item);
    if (fragment === undefined) {
      fragment = Buffer.from(render(item, context), 'utf8');
      cache.set(item, fragment);
    }
    return fragment;
  }
}

/**
 * How a feed is rendered: its own address (for rel="self" and feed_url), optionally a fragment cache and, for
 * the XML formats, the href of the stylesheet a browser shows it with (feed-stylesheet.ts).
 */
export interface RenderOptions {
  readonly selfUrl: string;
  readonly fragments?: Fragments;
  readonly stylesheet?: string;
}
