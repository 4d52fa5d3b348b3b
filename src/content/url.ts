import { withContext } from '../lib/errors.js';

/** A URL parsed (against base when given), or undefined when the text is not one. */
export function parseUrl(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch (error) {
    // A TypeError is how `new URL` says "not a URL"; that answer is ours to give as undefined.
    if (error instanceof TypeError) return undefined;
    throw withContext(`parsing ${JSON.stringify(text)} as a URL`, error);
  }
}

/** Resolves a URL (against base when given) and normalises it; undefined unless http or https. */
export function toHttpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const url = parseUrl(value.trim(), base);
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url.href : undefined;
}
