/** What a User-Agent says about the client that sent it. */
export interface Agent {
  /** The reader or aggregator as people know it ("Feedly", "newsboat"), else the User-Agent's product name. */
  readonly name: string;
  /** The subscribers an aggregator reports for the feed it polls; absent when it reports none. */
  readonly subscribers?: number;
  /**
   * Which of the aggregator's subscriptions the count is of: its name and, when it gives one, its id for the
   * feed. A newer count of the same subscription replaces the older one; counts of two (one aggregator may
   * know a feed under two ids) add up.
   */
  readonly subscription?: string;
  /** The User-Agent with its count taken out: an aggregator whose count changes is still the same client. */
  readonly identity: string;
}

/**
 * The readers and aggregators known by name, each with what tells it apart. Aggregators that poll once for
 * all their users put the number of those users in the User-Agent (FeedBurner made the convention), in one of
 * a few shapes (test/observe/agents.test.ts holds each to a real string):
 *
 *     Feedly/1.0 (+http://www.feedly.com/fetcher.html; 134 subscribers; )
 *     Mozilla/5.0 (compatible; Inoreader/1.0; +http://www.inoreader.com/feed-fetcher; 12 subscribers; )
 *     NewsBlur Feed Fetcher - 5 subscribers - https://www.newsblur.com/site/1234/name (Mozilla/5.0 …)
 *     Mozilla/5.0 (compatible; theoldreader.com; 4 subscribers; feed-id=0719795c4d27c784217b0bc0)
 *     Feedbin feed-id:1306543 - 3 subscribers
 *
 * Readers that run for one person (Miniflux, NetNewsWire, newsboat, …) send no count: each is one subscriber.
 * Any other User-Agent with "N subscribers" in it is believed too, under its product name. A count is what the
 * client says, and anyone can send any User-Agent.
 */
const KNOWN: ReadonlyArray<{ readonly name: string; readonly pattern: RegExp }> = [
  { name: 'Feedly', pattern: /\bfeedly(?:bot)?\b/i },
  { name: 'Inoreader', pattern: /\binoreader\b/i },
  { name: 'NewsBlur', pattern: /^newsblur\b/i },
  { name: 'The Old Reader', pattern: /\btheoldreader\.com\b/i },
  { name: 'Feedbin', pattern: /^feedbin\b/i },
  { name: 'BazQux', pattern: /\bbazqux\b/i },
  { name: 'Netvibes', pattern: /^netvibes\b/i },
  { name: 'Google Feedfetcher', pattern: /^feedfetcher-google\b/i },
  { name: 'Feedspot', pattern: /\bfeedspot\b/i },
  { name: 'Overcast', pattern: /^overcast\//i },
  { name: 'Miniflux', pattern: /\bminiflux\b/i },
  { name: 'FreshRSS', pattern: /\bfreshrss\b/i },
  { name: 'Tiny Tiny RSS', pattern: /^tiny tiny rss\b/i },
  { name: 'NetNewsWire', pattern: /\bnetnewswire\b/i },
  { name: 'Reeder', pattern: /^reeder\b/i },
  { name: 'newsboat', pattern: /^newsboat\b/i },
  { name: 'Liferea', pattern: /\bliferea\b/i },
  { name: 'Akregator', pattern: /^akregator\b/i },
  { name: 'Thunderbird', pattern: /\bthunderbird\//i },
  { name: 'feedparser', pattern: /\bfeedparser\/\d/i },
];

const COUNT = /\b(\d{1,9}|\d{1,3}(?:,\d{3}){1,2}) subscribers?\b/i;
/** Feedly, The Old Reader, Overcast: feed-id=…; Feedbin: feed-id:…; Netvibes: feedId: …; NewsBlur: /site/<id>/ */
const FEED_ID = /\bfeed-?id[=:] ?([\w-]{1,64})|newsblur\.com\/site\/(\d{1,12})/i;
/** Product tokens that say nothing about the client: every browser sends them, and many robots too. */
const GENERIC = new Set(['mozilla', 'applewebkit', 'khtml', 'gecko', 'chrome', 'safari', 'version', 'mobile']);
const BROWSER = /\b(?:firefox|chrome|safari|edg|opr)\/\d/i;
const MAX_NAME = 40;

/** Reads a User-Agent (as sent; '' when none) by the table above. */
export function parseAgent(userAgent: string): Agent {
  const count = COUNT.exec(userAgent);
  const identity = count ? userAgent.replace(COUNT, '# subscribers') : userAgent;
  const name = KNOWN.find((known) => known.pattern.test(userAgent))?.name ?? productName(userAgent);
  if (!count?.[1]) return { name, identity };
  const id = FEED_ID.exec(userAgent);
  const feedId = id?.[1] ?? id?.[2] ?? '';
  return {
    name,
    subscribers: Number(count[1].replaceAll(',', '')),
    subscription: feedId === '' ? name : `${name} ${feedId}`,
    identity,
  };
}

/** The first product token that names the client: "compatible; X/1.0" in a Mozilla string, else the first. */
function productName(userAgent: string): string {
  if (userAgent.trim() === '') return '(no User-Agent)';
  const compatible = /\(compatible; ?([^;/)]+)/i.exec(userAgent)?.[1]?.trim();
  if (compatible) return shorten(compatible);
  const products = [...userAgent.matchAll(/([A-Za-z][\w.-]*)\/\d/g)].map((match) => match[1] ?? '');
  const named = products.find((product) => !GENERIC.has(product.toLowerCase()));
  if (BROWSER.test(userAgent) && (!named || BROWSER.test(`${named}/1`))) return 'a web browser';
  return shorten(named ?? /^[^/(;]+/.exec(userAgent)?.[0]?.trim() ?? userAgent);
}

function shorten(name: string): string {
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/**
 * Parsed User-Agents, remembered: clients send few distinct ones, and each request's is looked up here rather
 * than read again. Bounded: when full, it forgets everything at once and starts over.
 */
export class AgentCache {
  private readonly known = new Map<string, Agent>();

  constructor(private readonly limit = 2_000) {}

  of(userAgent: string): Agent {
    const found = this.known.get(userAgent);
    if (found) return found;
    const agent = parseAgent(userAgent);
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(userAgent, agent);
    return agent;
  }
}
