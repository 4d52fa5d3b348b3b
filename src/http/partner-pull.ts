import type { Request, Response } from 'express';
import { parseKey } from '../partners/keys.js';
import type { Partner } from '../partners/types.js';
import type { PartnerStore } from './partner-store.js';
import type { RateLimiter } from './rate-limit.js';
import { redactKeys } from './redact.js';
import { respondWithFeed } from './serve-feed.js';

export interface PartnerPullDeps {
  readonly partners: PartnerStore;
  readonly limiter: RateLimiter;
  readonly clock: () => number;
  readonly log: (line: string) => void;
  readonly recordPull: (partnerId: string, keyPrefix: string, at: number) => void;
}

const QUERY_KEYS = /(?:^|[?&])(?:key|token|access_token|api_key|apikey)=|crk_/i;

/**
 * GET /partners/<key>/… (the capability URL, for ingestion systems that take only a URL) or
 * /partners/<id>/… with Authorization: Bearer <key>. A bad key gets 404 on the first form (it reveals
 * nothing) and 401 on the second; another partner's key gets 403; keys in query strings are refused.
 */
export async function pullPartnerFeed(deps: PartnerPullDeps, req: Request, res: Response): Promise<void> {
  const [, first = '', ...rest] = req.path.split('/').slice(1);
  const path = `/${rest.join('/')}`;
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  const done = (status: number, partner?: Partner) =>
    deps.log(`courier: partner ${partner?.id ?? '-'} pull ${redactKeys(req.path)} ${status} ${conditional(req) ? 'conditional' : 'unconditional'}`);
  res.set('Cache-Control', 'no-store');
  if (QUERY_KEYS.test(query)) return refuse(res, 400, 'Keys are not accepted in query strings; use the capability URL or an Authorization header.\n', done);
  const header = bearer(req);
  const pathKey = parseKey(first) ? first : undefined;
  const partner = pathKey ? await deps.partners.verifier.verify(pathKey) : undefined;
  if (pathKey && !partner) return refuse(res, 404, 'Not found\n', done);
  const byHeader = header === undefined ? undefined : await deps.partners.verifier.verify(header);
  if (!pathKey && header === undefined) {
    return deps.partners.partner(first) ? refuse(res, 401, 'A partner key is required.\n', done, true) : refuse(res, 404, 'Not found\n', done);
  }
  if (header !== undefined && !byHeader) return refuse(res, 401, 'The partner key is not valid.\n', done, true);
  const who = partner ?? byHeader!;
  if (byHeader && byHeader.id !== who.id) return refuse(res, 403, 'That key belongs to another partner.\n', done);
  if (!pathKey && first !== who.id) return refuse(res, 403, 'That key belongs to another partner.\n', done);
  const feed = deps.partners.feed(who.id, path);
  if (!feed) return refuse(res, 404, 'Not found\n', done);
  const now = deps.clock();
  const wait = deps.limiter.take(who.id, conditional(req), now);
  if (wait > 0) {
    res.set('Retry-After', String(wait));
    return refuse(res, 429, 'Too many requests; see Retry-After.\n', done);
  }
  res.removeHeader('Cache-Control');
  const status = respondWithFeed(feed, req, res);
  deps.recordPull(who.id, parseKey(pathKey ?? header!)!.prefix, now);
  done(status, who);
}

function refuse(res: Response, status: number, message: string, done: (status: number) => void, challenge = false): void {
  if (challenge) res.set('WWW-Authenticate', 'Bearer realm="courier partners"');
  res.status(status).type('text').send(message);
  done(status);
}

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

function conditional(req: Request): boolean {
  return req.get('if-none-match') !== undefined || req.get('if-modified-since') !== undefined;
}
