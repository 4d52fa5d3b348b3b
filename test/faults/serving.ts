import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RecordingLogger } from '../helpers/log.js';
import { readConfig } from '../../src/config/read-config.js';
import { startService } from '../../src/service/service.js';
import { filesUnder, sha256 } from '../helpers/feeds-folder.js';
import { request } from '../helpers/http.js';

/** After every record of the fault corpus: its Last-Modified dates never depend on this clock. */
const NOW = Date.parse('2026-11-26T12:00:00Z');

const ENCODINGS = [
  ['identity', (body: Buffer) => body, (root: string) => `"${root}"`],
  ['gzip', gunzipSync, (root: string) => `"${root}-gzip"`],
] as const;

/**
 * Starts the service (on 127.0.0.1, a free port, no schedule) on the feeds folder as it is, and holds that every
 * feed the reference folder holds is served in identity and gzip, each decompressing to the reference's bytes,
 * under one ETag root: the first 32 hex digits of those bytes' SHA-256. Returns what the service logged.
 */
export async function assertServesWhole(content: string, out: string, reference: string): Promise<string[]> {
  const state = mkdtempSync(join(tmpdir(), 'courier-state-'));
  const { config, problems } = readConfig({ PORT: '0', HOST: '127.0.0.1', COURIER_STATE_DIR: state }, { content, out });
  if (!config) throw new Error(problems.join('\n'));
  const log = new RecordingLogger();
  const service = await startService(config, () => NOW, log, { schedule: false });
  try {
    const feeds = filesUnder(reference).filter((name) => !/\.(gz|br)$/.test(name) && name !== 'manifest.json');
    // An archive document's ETag is the digest its manifest entry gives (a digest of its pieces' digests).
    const manifest = JSON.parse(readFileSync(join(reference, 'manifest.json'), 'utf8')) as {
      archives?: Record<string, { tag: string }>;
    };
    const checkFeed = async (name: string) => {
      const expected = readFileSync(join(reference, name));
      const root = manifest.archives?.[name]?.tag ?? sha256(expected).slice(0, 32);
      const path = `/feeds/${name.split('/').map(encodeURIComponent).join('/')}`;
      for (const [encoding, decode, tag] of ENCODINGS) {
        const reply = await request(service.url, path, { headers: { 'Accept-Encoding': encoding } });
        assert.equal(reply.status, 200, `${path} in ${encoding}; the service said:\n${log.text()}`);
        assert.equal(reply.headers.etag, tag(root), `${path} in ${encoding}`);
        assert.ok(decode(reply.body).equals(expected), `${path} in ${encoding} is not the reference's bytes`);
      }
    };
    // A few requests at a time, as a handful of readers would make them.
    const lanes = Array.from({ length: 8 }, async (_, lane) => {
      for (let index = lane; index < feeds.length; index += 8) await checkFeed(feeds[index]!);
    });
    await Promise.all(lanes);
    return log.text().split('\n');
  } finally {
    await service.close();
    rmSync(state, { recursive: true, force: true });
  }
}
