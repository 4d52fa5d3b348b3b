import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPulls, writePulls } from '../../src/partners/pulls.js';

describe('the record of partner pulls', () => {
  let root: string;
  let feeds: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'courier-pulls-'));
    feeds = join(root, 'feeds');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is empty before anything was pulled', async () => {
    assert.deepEqual(await readPulls(feeds), {});
  });

  it('reads back what was written, leaving no temporary file', async () => {
    const pulls = { msn: { k3f9a0c2d1: '2026-11-26T12:00:00.000Z', a0b1c2d3e4: '2026-11-26T12:01:00.000Z' }, gn: {} };
    await writePulls(feeds, pulls);
    assert.deepEqual(await readPulls(feeds), pulls);
    assert.deepEqual(readdirSync(feeds), ['partner-pulls.json']);
  });

  it('reads a damaged file as no pulls, and keeps only entries of the right shape', async () => {
    mkdirSync(feeds);
    writeFileSync(join(feeds, 'partner-pulls.json'), '{"msn": {"k3f9a0c2d1": "2026-1');
    assert.deepEqual(await readPulls(feeds), {});
    writeFileSync(
      join(feeds, 'partner-pulls.json'),
      '{"msn": {"k3f9a0c2d1": "2026-11-26T12:00:00.000Z", "bad": 5}, "gn": [1], "__proto__": {"x": "y"}}',
    );
    const pulls = await readPulls(feeds);
    assert.deepEqual(Object.keys(pulls), ['msn', '__proto__']);
    assert.deepEqual(pulls.msn, { k3f9a0c2d1: '2026-11-26T12:00:00.000Z' });
    assert.equal(Object.getPrototypeOf(pulls), Object.prototype);
  });
});
