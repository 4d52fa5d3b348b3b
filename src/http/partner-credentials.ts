import type { Request } from 'express';

/** How a request presented a partner key outside its path. */
export type Scheme = 'bearer' | 'basic' | 'header' | 'other';

/** A key presented in a header: its text ('' when the header is there but holds no key) and how it came. */
export interface Presented {
  readonly key: string;
  readonly scheme: Scheme;
}

export const REALM = 'courier partners';
/** The challenges of a 401, by how the key came; with no key at all, every scheme we take. */
const BEARER = `Bearer realm="${REALM}"`;
const BASIC = `Basic realm="${REALM}", charset="UTF-8"`;

export function challenges(scheme: Scheme | undefined): string[] {
  if (scheme === 'bearer') return [BEARER];
  if (scheme === 'basic') return [BASIC];
  return [BASIC, BEARER];
}

/**
 * The key a request presents in a header: `Authorization: Bearer <key>`, `Authorization: Basic` with the key as
 * the password (any user name, the partner's id by convention), or the partner's own token header (its
 * `token_header` in partners.yaml, such as `X-Api-Key: <key>`). Authorization wins when both are there.
 * Undefined when no header presents one; a key of '' when a header is there but malformed: refused as wrong.
 */
export function presentedKey(req: Request, tokenHeader: string | undefined): Presented | undefined {
  const authorization = req.get('authorization');
  if (authorization !== undefined) return fromAuthorization(authorization);
  const token = tokenHeader === undefined ? undefined : req.get(tokenHeader);
  return token === undefined ? undefined : { key: token.trim(), scheme: 'header' };
}

function fromAuthorization(header: string): Presented {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return { key: bearer[1] ?? '', scheme: 'bearer' };
  const basic = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!basic) return { key: '', scheme: /^Basic\b/i.test(header) ? 'basic' : 'other' };
  const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return { key: colon < 0 ? '' : decoded.slice(colon + 1), scheme: 'basic' };
}
