const KEY = /crk_([a-z0-9]{10})_[A-Za-z0-9_-]+/g;

/** Replaces the secret part of every partner key in a text: `crk_k3f9a0c2d1_…`. Logs see only prefixes. */
export function redactKeys(text: string): string {
  return text.replace(KEY, 'crk_$1_…');
}
