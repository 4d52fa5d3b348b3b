import type { PartnerBuild } from '../publish/partner-files.js';
import { GUARD_LIMITS, KeyGuard, type GuardLimits } from '../partners/key-guard.js';
import { KeyVerifier, type VerifiedKeyMemory } from '../partners/verifier.js';
import type { Partner } from '../partners/types.js';
import type { CachePolicy } from '../config/config.js';
import type { OutputFile } from '../publish/output.js';
import { storedFeed, type StoredFeed } from './stored-feed.js';

/**
 * Partner feeds held in memory, by partner and path, with the keys that open them. Replaced whole when a
 * build finishes, so a revoked key stops working with the next build. The one KeyGuard bounds every key check
 * of the server, across reloads of the partners.
 */
export class PartnerStore {
  private feeds = new Map<string, Map<string, StoredFeed>>();
  private partners = new Map<string, Partner>();
  readonly guard: KeyGuard;
  verifier: KeyVerifier;
  private keysSeen = '';

  constructor(
    private readonly policy: CachePolicy,
    clock: () => number,
    limits: GuardLimits = GUARD_LIMITS,
    /** Keys verified by any instance (Redis); this process's memory alone without it. */
    private readonly memory?: VerifiedKeyMemory,
  ) {
    this.guard = new KeyGuard(clock, limits);
    this.verifier = new KeyVerifier([], this.guard, memory);
  }

  replace(build: PartnerBuild): void {
    this.partners = new Map(build.partners.map((partner) => [partner.id, partner]));
    // Never stored by a shared cache; a different key (in any header a key may come in) is a different answer.
    const shared = (id: string) => [
      'Cache-Control',
      `private, max-age=${this.policy.maxAge}`,
      'Vary',
      ['Authorization', this.partners.get(id)?.tokenHeader, 'Accept-Encoding'].filter(Boolean).join(', '),
      'X-Content-Type-Options',
      'nosniff',
    ];
    const feedsByPath = (id: string, files: readonly OutputFile[]) =>
      new Map(files.map((file) => [`/${file.path}`, storedFeed(file, shared(id), 'partner')]));
    this.feeds = new Map([...build.files].map(([id, files]) => [id, feedsByPath(id, files)]));
    // A new verifier only when partners or keys changed: one that is kept remembers the keys that verified.
    const keys = JSON.stringify(build.partners);
    if (keys !== this.keysSeen) this.verifier = new KeyVerifier(build.partners, this.guard, this.memory);
    this.keysSeen = keys;
  }

  partner(id: string): Partner | undefined {
    return this.partners.get(id);
  }

  /** A partner's feed at a URL path within its folder, e.g. "/categories/world/rss.xml", percent-encoded or not. */
  feed(partnerId: string, urlPath: string): StoredFeed | undefined {
    try {
      return this.feeds.get(partnerId)?.get(decodeURIComponent(urlPath));
    } catch {
      // Not valid percent-encoding (a URIError), so not the path of any feed.
      return undefined;
    }
  }
}
