import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashOf, type OutputFile } from './output.js';

export const MANIFEST_FILE = 'manifest.json';

interface ManifestEntry {
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  readonly lastModified: string;
  readonly gzip: { readonly size: number };
  readonly br: { readonly size: number };
}

/** The manifest: every generated file's hash, size, media type and Last-Modified, sorted by path. */
export function renderManifest(files: readonly OutputFile[]): string {
  const entries: Record<string, ManifestEntry> = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    entries[file.path] = {
      type: file.type,
      size: file.body.length,
      sha256: file.hash,
      lastModified: new Date(file.lastModified).toISOString(),
      gzip: { size: file.gzip.length },
      br: { size: file.br.length },
    };
  }
  return `${JSON.stringify({ version: 1, files: entries }, null, 2)}\n`;
}

/**
 * The files of the last build found on disk, each checked against the manifest: a file that is missing
 * or whose bytes do not match is left out, so the next build writes it again.
 */
export async function readPreviousBuild(outDir: string): Promise<Map<string, OutputFile>> {
  const previous = new Map<string, OutputFile>();
  let manifest: { files?: Record<string, ManifestEntry> };
  try {
    manifest = JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8')) as typeof manifest;
  } catch {
    return previous;
  }
  await Promise.all(Object.entries(manifest.files ?? {}).map(async ([path, entry]) => {
    try {
      const [body, gzip, br] = await Promise.all(['', '.gz', '.br'].map((suffix) => readFile(join(outDir, path + suffix))));
      if (!body || !gzip || !br || hashOf(body) !== entry.sha256) return;
      const lastModified = Date.parse(entry.lastModified);
      if (Number.isNaN(lastModified)) return;
      previous.set(path, { path, type: entry.type, body, hash: entry.sha256, gzip, br, lastModified });
    } catch { /* missing or unreadable: rebuilt */ }
  }));
  return previous;
}
