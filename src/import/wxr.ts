import type { Author } from '../content/types.js';
import { autoParagraphs, plainText } from './html.js';
import { plainTitle } from './rss.js';
import type { SourceDate, SourceFeed, SourceImage, SourceItem } from './types.js';
import { childNamed, childrenNamed, childText, Namespaces, NS, textOf, type XmlElement } from './xml.js';

/** What each WordPress status becomes: published, a draft (never in a feed), or left out. */
const STATUSES: Readonly<Record<string, 'published' | 'draft' | 'skip'>> = {
  publish: 'published',
  future: 'published', // scheduled: its date is ahead, and an embargo holds it until then, as WordPress would
  draft: 'draft',
  pending: 'draft',
  private: 'draft',
  'auto-draft': 'skip',
  trash: 'skip',
  inherit: 'skip',
};

/** Reads a WordPress export (WXR 1.0–1.2): posts become items; pages, menus and the rest are counted apart. */
export function readWxr(root: XmlElement): SourceFeed {
  const channel = childNamed(root, 'channel');
  const ns = new Namespaces(root);
  const wp = (local: string) => ns.name(NS.wp, local);
  const authors = wxrAuthors(channel, wp);
  const all = childrenNamed(channel, 'item');
  const attachments = new Map<string, XmlElement>();
  for (const item of all) {
    if (childText(item, wp('post_type')) === 'attachment') attachments.set(childText(item, wp('post_id')) ?? '', item);
  }
  const items: SourceItem[] = [];
  const left = new Map<string, number>();
  for (const item of all) {
    const type = childText(item, wp('post_type')) ?? 'post';
    const status = STATUSES[childText(item, wp('status')) ?? 'publish'] ?? 'skip';
    if (type !== 'post') {
      if (type !== 'attachment') left.set(`${type} entries`, (left.get(`${type} entries`) ?? 0) + 1);
    } else if (status === 'skip') {
      const reason = `posts with status ${childText(item, wp('status')) ?? '?'}`;
      left.set(reason, (left.get(reason) ?? 0) + 1);
    } else items.push(readPost(item, { ns, wp, authors, attachments, status }));
  }
  const notes = [...left].map(([what, count]) => `left out ${count} ${what} (only posts are articles)`);
  return { format: 'WordPress export (WXR)', title: childText(channel, 'title'), items, notes };
}

interface PostContext {
  readonly ns: Namespaces;
  readonly wp: (local: string) => string;
  readonly authors: ReadonlyMap<string, Author>;
  readonly attachments: ReadonlyMap<string, XmlElement>;
  readonly status: 'published' | 'draft';
}

function readPost(item: XmlElement, context: PostContext): SourceItem {
  const { ns, wp, authors, status } = context;
  const notes: string[] = [];
  const content = textOf(childNamed(item, ns.name(NS.content, 'encoded')));
  const excerpt = textOf(childNamed(item, ns.name(NS.excerpt, 'encoded')));
  const login = childText(item, ns.name(NS.dc, 'creator'));
  const { categories, tags } = wxrCategories(item);
  const comments = childrenNamed(item, wp('comment')).length;
  if (comments > 0) notes.push(`comments: ${comments} not carried (feeds carry articles only)`);
  const wpStatus = childText(item, wp('status')) ?? 'publish';
  if (status === 'draft') notes.push(`status: ${wpStatus} in WordPress, imported as a draft (in no feed)`);
  const image = featuredImage(item, context);
  return {
    // WordPress's guid is the post's first permalink (?p=123), what its feeds have always sent as the GUID.
    id: childText(item, 'guid'),
    title: plainTitle(childText(item, 'title')),
    link: status === 'published' ? childText(item, 'link') : undefined,
    ...postDate(item, wp),
    authors: login === undefined ? [] : [authors.get(login) ?? { name: login }],
    categories,
    tags,
    ...(excerpt !== undefined && { summary: plainText(excerpt) }),
    ...(content !== undefined && { html: autoParagraphs(content) }),
    ...(image && { image }),
    ...(childText(item, wp('post_name')) !== undefined && { slug: childText(item, wp('post_name')) }),
    status,
    notes,
  };
}

/** post_date_gmt, or (drafts have "0000-00-00 00:00:00" there) post_date, the blog's wall clock. */
function postDate(item: XmlElement, wp: (local: string) => string): { published?: SourceDate } {
  const gmt = childText(item, wp('post_date_gmt'));
  const local = childText(item, wp('post_date'));
  const valid = (text: string | undefined) =>
    text !== undefined && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) && !text.startsWith('0000');
  if (valid(gmt)) return { published: { instant: Date.parse(`${gmt?.replace(' ', 'T')}Z`) } };
  if (valid(local)) return { published: { local: local?.replace(' ', 'T') ?? '' } };
  return {};
}

/** WordPress's authors by login, with their display names and email addresses. */
function wxrAuthors(channel: XmlElement | undefined, wp: (local: string) => string): Map<string, Author> {
  const authors = new Map<string, Author>();
  for (const author of childrenNamed(channel, wp('author'))) {
    const login = childText(author, wp('author_login'));
    const name = childText(author, wp('author_display_name')) ?? login;
    const email = childText(author, wp('author_email'));
    if (login !== undefined && name !== undefined) authors.set(login, { name, ...(email !== undefined && { email }) });
  }
  return authors;
}

/** `<category domain="category">` are categories and `domain="post_tag"` tags; other taxonomies are left. */
function wxrCategories(item: XmlElement): { categories: string[]; tags: string[] } {
  const categories: string[] = [];
  const tags: string[] = [];
  for (const element of childrenNamed(item, 'category')) {
    const name = textOf(element)?.trim();
    const domain = element.attrs.domain ?? 'category';
    const list = domain === 'category' ? categories : domain === 'post_tag' ? tags : undefined;
    if (name !== undefined && name !== 'Uncategorized' && list && !list.includes(name)) list.push(name);
  }
  return { categories, tags };
}

/** The featured image: the attachment that the post's _thumbnail_id names, with its alt text and caption. */
function featuredImage(item: XmlElement, { wp, attachments, ns }: PostContext): SourceImage | undefined {
  const meta = childrenNamed(item, wp('postmeta')).find(
    (entry) => childText(entry, wp('meta_key')) === '_thumbnail_id',
  );
  const attachment = attachments.get(childText(meta, wp('meta_value')) ?? '');
  const url = childText(attachment, wp('attachment_url'));
  if (!attachment || url === undefined) return undefined;
  const alt = childrenNamed(attachment, wp('postmeta')).find(
    (entry) => childText(entry, wp('meta_key')) === '_wp_attachment_image_alt',
  );
  const altText = childText(alt, wp('meta_value'));
  const caption = textOf(childNamed(attachment, ns.name(NS.excerpt, 'encoded')))?.trim();
  return {
    url,
    ...(altText !== undefined && { alt: altText }),
    ...(caption !== undefined && { caption: plainText(caption) }),
  };
}
