import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Builder, type BuilderOptions } from '../../src/publish/builder.js';
import { nextLastModified } from '../../src/publish/output.js';
import type { BuildReport } from '../../src/publish/report.js';
import { SharedState } from '../../src/service/shared-state.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { RecordingLogger } from '../helpers/log.js';
import { eventually } from '../partners/helpers.js';
import { freePort, startRedis, type Child } from './processes.js';

const HOUR = 3_600_000;
/** The golden content's newest article date: the Last-Modified of the site feed built from it. */
const NEWEST = Date.parse('2026-11-26T05:00:00Z');

function lastModifiedOf(report: BuildReport, path = 'rss.xml'): number {
  const file = report.publication?.files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no ${path} published`);
  return file.lastModified;
}

describe('the validators of a feed', () => {
  describe('as a function of the content', () => {
    it('are the newest date of the content whenever the bytes change with it, whatever the clock says', () => {
      assert.equal(nextLastModified(NEWEST, undefined, GOLDEN_NOW), NEWEST);
      assert.equal(nextLastModified(NEWEST, NEWEST - HOUR, GOLDEN_NOW + 5 * HOUR), NEWEST);
      assert.equal(nextLastModified(GOLDEN_NOW + HOUR, undefined, GOLDEN_NOW), GOLDEN_NOW + HOUR, 'a clock behind');
    });

    it('move on past the previous one when the bytes change without a newer date, never back', () => {
      assert.equal(nextLastModified(NEWEST - HOUR, NEWEST, GOLDEN_NOW), GOLDEN_NOW);
      assert.equal(nextLastModified(NEWEST - HOUR, GOLDEN_NOW, GOLDEN_NOW - HOUR), GOLDEN_NOW + 1000);
    });

    it('are the same from instances built at different times, one of them new with no history', async () => {
      const build = new TempBuild();
      try {
        const old = await build.build(GOLDEN_NOW);
        const fresh = await new Builder(build.content, join(build.root, 'other')).build(GOLDEN_NOW + 5 * HOUR);
        for (const file of old.publication?.files ?? []) {
          const twin = fresh.publication?.files.find((candidate) => candidate.path === file.path);
          assert.deepEqual([twin?.hash, twin?.lastModified], [file.hash, file.lastModified], file.path);
        }
        assert.equal(lastModifiedOf(fresh), NEWEST);
      } finally {
        build.remove();
      }
    });
  });

  describe('with a shared record in a real Redis', function () {
    this.timeout(30_000);
    const build = new TempBuild();
    let redis: Child | undefined;
    let shared: SharedState | undefined;
    const builder = (folder: string, options: BuilderOptions = {}) =>
      new Builder(build.content, join(build.root, folder), { ...options, validators: shared?.validators });

    before(async () => {
      const port = await freePort();
      redis = await startRedis(port, join(build.root, 'redis'));
      const url = `redis://127.0.0.1:${port}`;
      shared = new SharedState({ url, partnerPullsPerMinute: 60, log: new RecordingLogger() });
      assert.ok(await eventually(() => shared?.problem() === undefined, 10_000), 'Redis answers');
    });
    after(async () => {
      await shared?.close();
      await redis?.stop();
      build.remove();
    });

    it('are the same on every instance when the bytes change without a newer date: the first to build decides', async () => {
      const force = { guards: { maxDropShare: 0.1, force: true } };
      const [a, b] = [builder('a', force), builder('b', force)];
      assert.equal(lastModifiedOf(await a.build(GOLDEN_NOW)), NEWEST);
      assert.equal(lastModifiedOf(await b.build(GOLDEN_NOW + HOUR)), NEWEST);
      rmSync(join(build.content, 'articles/2026/11/oman-talks.md'));
      const first = lastModifiedOf(await a.build(GOLDEN_NOW + 2 * HOUR));
      assert.equal(first, GOLDEN_NOW + 2 * HOUR, 'the newest article went: the build time, not an older date');
      assert.equal(lastModifiedOf(await b.build(GOLDEN_NOW + 3 * HOUR)), first, 'not its own build time');
      const newcomer = builder('c', force);
      assert.equal(lastModifiedOf(await newcomer.build(GOLDEN_NOW + 4 * HOUR)), first, 'nor one with no history');
    });
  });
});
