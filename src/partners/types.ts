import type { ProfileId } from './profiles.js';

/** A syndication partner as partners.yaml describes it. */
export interface PartnerKey {
  /** Public: the part of the key that says which key it is. */
  readonly prefix: string;
  /** `scrypt$N$r$p$<salt>$<hash>` of the key's secret. */
  readonly hash: string;
  /** When the key was made, as written in the file (ISO 8601). */
  readonly created: string;
}

export interface Partner {
  readonly id: string;
  readonly name: string;
  readonly profile: ProfileId;
  /** The categories the partner receives; absent means every category. */
  readonly categories?: readonly string[];
  readonly keys: readonly PartnerKey[];
  /**
   * A header the partner's system sends its key in (`X-Api-Key: <key>`), for partners that configure a header
   * token rather than Authorization; absent: Authorization and the capability URL only.
   */
  readonly tokenHeader?: string;
}
