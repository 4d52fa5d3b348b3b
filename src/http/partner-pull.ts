import type { Request, Response } from 'express';
import type { Logger } from '../lib/logger.js';
import type { CourierMetrics, PartnerThrottle } from '../observe/metrics.js';
import { parseKey } from '../partners/keys.js';
import type { Partner } from '../partners/types.js';
import type { Verdict } from '../partners/verifier.js';
import { clientAddress, isConditional, type TrustProxy } from './client.js';
import { challenges, presentedKey, type Scheme } from './partner-credentials.js';
import type { PartnerStore } from './partner-store.js';
import type { PartnerLimits } from './rate-limit.js';
import { redactKeys } from './redact.js';
import type { FeedResponder } from './serve-feed.js';

export interface PartnerPullDeps {
  readonly partners: PartnerStore;
  readonly limiter: PartnerLimits;
  readonly clock: () => number;
  readonly log: Logger;
  readonly recordPull: (partnerId: string, keyPrefix: string, at: number) => void;
  readonly feeds: FeedResponder;
  /** Where partner requests and throttles are counted; none when absent. */
  readonly metrics?: CourierMetrics | undefined;
  /** Whose X-Forwarded-For names the client whose wrong keys are counted. */
  readonly trust: TrustProxy;
}

/** A partner a request's key opens, with the prefix of that key. */
interface Admitted {
  readonly partner: Partner;
  readonly prefix: string;
}

interface Refusal {
  readonly status: number;
  readonly message: string;
  /** The WWW-Authenticate challenges: only when a key in a header is what is missing or wrong. */
  readonly challenge?: readonly string[];
  readonly retryAfter?: number;
  /** Why a 429 or 503 was sent, for the metrics. */
  readonly throttle?: PartnerThrottle;
}

const QUERY_KEYS = /(?:^|[?&])(?:key|token|access_token|api_key|apikey)=|crk_/i;
const NOT_FOUND: Refusal = { status: 404, message: 'Not found\n' };
const KEY_IN_QUERY: Refusal = {
  status: 400,
  message: 'Keys are not accepted in query strings; use the capability URL or an Authorization header.\n',
};
const KEY_REQUIRED: Refusal = {
  status: 401,
  message: 'A partner key is required.\n',
  challenge: challenges(undefined),
};
const keyInvalid = (scheme: Scheme): Refusal => ({
  status: 401,
  message: 'The partner key is not valid.\n',
  challenge: challenges(scheme),
});
const OTHER_PARTNER: Refusal = { status: 403, message: 'That key belongs to another partner.\n' };
const BUSY_MESSAGE = 'Too many keys to check just now; see Retry-After.\n';

/**
 * GET /partners/<key>/… (the capability URL, for ingestion systems that take only a URL) or
 * /partners/<id>/… with the key in a header: Authorization: Bearer <key>, Authorization: Basic with the key as the
 * password, or the partner's own token header (partner-credentials.ts). A wrong key gets 404 on the first form (it
 * reveals nothing) and 401 on the second, whether or not its prefix exists, after the same work; another partner's
 * key gets 403; keys in query strings are refused. A client that presented too many
 * wrong keys (its address: X-Forwarded-For only from a trusted proxy) gets 429, and when every key check is taken the answer is 503: both with
 * Retry-After, and never an answer that says the key is wrong.
 */
export async function pullPartnerFeed(deps: PartnerPullDeps, req: Request, res: Response): Promise<void> {
  const [, first = '', ...rest] = req.path.split('/').slice(1);
  const logPull = (status: number, partner?: Partner) => {
    deps.metrics?.partnerRequest(status);
    const [id, path] = [partner?.id ?? '-', redactKeys(req.path)];
    deps.log.info(`partner ${id} pull ${path} ${status}`, {
      partner: partner?.id,
      path,
      status,
      conditional: isConditional(req),
    });
  };
  res.set('Cache-Control', 'no-store');
  const admitted = await admit(deps, req, first);
  if ('status' in admitted) return refuse(res, admitted, logPull, deps.metrics);
  const { partner, prefix } = admitted;
  const feed = deps.partners.feed(partner.id, `/${rest.join('/')}`);
  if (!feed) return refuse(res, NOT_FOUND, logPull, deps.metrics);
  const now = deps.clock();
  const wait = await deps.limiter.take(partner.id, isConditional(req), now);
  if (wait > 0) return refuse(res, tooManyRequests(wait, 'pull_rate'), logPull, deps.metrics);
  res.removeHeader('Cache-Control');
  const status = deps.feeds.respond(feed, req, res);
  deps.recordPull(partner.id, prefix, now);
  logPull(status, partner);
}

/** The partner whose feeds the request may pull, from the key in its path or in a header. */
async function admit(deps: PartnerPullDeps, req: Request, first: string): Promise<Admitted | Refusal> {
  if (QUERY_KEYS.test(queryOf(req.originalUrl))) return KEY_IN_QUERY;
  const inPath = parseKey(first) !== undefined;
  const named = inPath ? undefined : deps.partners.partner(first);
  const header = presentedKey(req, named?.tokenHeader);
  // The key that opens the feeds: the path's if it holds one, else the header's, which must then agree with it.
  const key = inPath ? first : header?.key;
  if (key === undefined) return named ? KEY_REQUIRED : NOT_FOUND;
  const wrong = inPath ? NOT_FOUND : keyInvalid(header?.scheme ?? 'other');
  // Only a header can hold text that is no key; the verifier refuses such text as wrong too, without hashing.
  const parsed = parseKey(key);
  if (!parsed) return wrong;
  const { verifier } = deps.partners;
  const client = clientAddress(req, deps.trust);
  const verdict = await verifier.verify(key, client);
  if (!('partner' in verdict)) return refusalFor(verdict, wrong);
  const { partner } = verdict;
  // On the capability form, a key in a header too (Authorization, or the partner's token header) must agree.
  const also = inPath ? presentedKey(req, partner.tokenHeader) : undefined;
  if (also !== undefined) {
    const byHeader = await verifier.verify(also.key, client);
    if (!('partner' in byHeader)) return refusalFor(byHeader, keyInvalid(also.scheme));
    if (byHeader.partner.id !== partner.id) return OTHER_PARTNER;
  }
  if (!inPath && first !== partner.id) return OTHER_PARTNER;
  return { partner, prefix: parsed.prefix };
}

/** The answer to a key that opened nothing: `wrong` as the form answers a wrong key, the rest to try again. */
function refusalFor(verdict: Exclude<Verdict, { partner: Partner }>, wrong: Refusal): Refusal {
  if (verdict.refused === 'wrong') return wrong;
  if (verdict.refused === 'throttled') return tooManyRequests(verdict.retryAfter, 'wrong_keys');
  return { status: 503, message: BUSY_MESSAGE, retryAfter: verdict.retryAfter, throttle: 'key_checks_busy' };
}

function refuse(res: Response, refusal: Refusal, logPull: (status: number) => void, metrics?: CourierMetrics): void {
  if (refusal.challenge) res.set('WWW-Authenticate', [...refusal.challenge]);
  if (refusal.retryAfter !== undefined) res.set('Retry-After', String(refusal.retryAfter));
  if (refusal.throttle) metrics?.partnerThrottled(refusal.throttle);
  res.status(refusal.status).type('text').send(refusal.message);
  logPull(refusal.status);
}

function tooManyRequests(retryAfter: number, throttle: PartnerThrottle): Refusal {
  return { status: 429, message: 'Too many requests; see Retry-After.\n', retryAfter, throttle };
}

function queryOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start);
}
