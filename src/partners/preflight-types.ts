import type { ProfileRules, Rule } from './profiles.js';
import type { RuleSource } from './sources.js';

/** How far a finding goes: the partner would refuse it, recommends otherwise, or it is close to a limit. */
export type Level = 'reject' | 'warn' | 'near';

/** One rule an item or a feed breaks or is close to breaking, with the page that states the rule. */
export interface Finding {
  readonly level: Level;
  readonly rule: keyof ProfileRules;
  /** The record, for a finding about one item; the feed's path under the partner's folder, for one about a feed. */
  readonly file?: string;
  readonly id?: string;
  readonly feed?: string;
  readonly message: string;
  readonly found: number | string | null;
  readonly limit: unknown;
  readonly source: RuleSource;
}

export type Make = (
  rule: keyof ProfileRules,
  spec: Rule<unknown>,
  broken: boolean,
  found: Finding['found'],
  message: string,
) => Finding;
