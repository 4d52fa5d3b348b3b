import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { buildOrThrow, describeLanding, spawnBuild } from '../helpers/courier-process.js';
import { differences, readerProblems, some, wholeProblems } from '../helpers/feeds-folder.js';
import { COLD_POINTS, COMMIT_STARTS, KillFixture, pointFrom, STAGING_STARTS, WARM_POINTS } from './scenario.js';
import { assertServesWhole } from './serving.js';

const CLAIM = 'readers see only whole files, and the next build makes the feeds an uninterrupted one does';

/**
 * Kills `courier build` (a real process) at points spread over its run, placed from an uninterrupted run of
 * the same build observed in this run of the suite, and holds what the issue asks of the feeds folder: a
 * reader never sees a file whose variants disagree for good, and the next build (or a server started on the
 * folder) leaves exactly the feeds an uninterrupted build leaves.
 */
describe(`a build interrupted while it publishes: ${CLAIM}`, function () {
  this.timeout(120_000);
  const fixture = new KillFixture();
  before(() => fixture.prepare());
  after(() => fixture.remove());

  const scenarios = [
    { title: 'a cold build, on an empty folder', of: () => fixture.cold, points: COLD_POINTS },
    {
      title: 'a build over the previous one, a quarter of the records revised',
      of: () => fixture.warm,
      points: WARM_POINTS,
    },
  ];

  for (const { title, of, points } of scenarios) {
    describe(title, () => {
      for (const spec of points) {
        const { signal } = spec;
        it(`${signal} ${spec.name}`, async () => {
          const { reference, phases } = of();
          const out = fixture.folderFor(of());
          const point = pointFrom(spec, phases);
          const { exit, landing } = await spawnBuild(fixture.corpus.content, out, { point, signal });
          const where = `${signal} ${describeLanding(landing)}; the uninterrupted run: ${JSON.stringify(phases)}`;
          if (spec.name === STAGING_STARTS) assert.ok(landing?.staging && !landing.stagedManifest, where);
          if (spec.name === COMMIT_STARTS) assert.ok(landing?.stagedManifest, where);
          if (!landing?.finished) assert.equal(exit.signal, signal, `${where}; ${exit.stderr}`);
          const seen = readerProblems(out);
          assert.equal(seen.length, 0, `right after the kill (${where}), a reader sees:\n${some(seen)}`);

          await buildOrThrow(fixture.corpus.content, out);
          const broken = wholeProblems(out);
          assert.equal(broken.length, 0, `after the next build (${where}):\n${some(broken)}`);
          const unlike = differences(out, reference);
          assert.equal(unlike.length, 0, `unlike an uninterrupted build (${where}):\n${some(unlike)}`);
          rmSync(out, { recursive: true, force: true });
        });
      }
    });
  }

  it('a server started on a folder killed mid-commit (no build first) serves every feed whole', async () => {
    const { reference, phases } = fixture.warm;
    const out = fixture.folderFor(fixture.warm);
    const point = pointFrom({ after: 'stagedManifest', share: 0 }, phases);
    const { landing } = await spawnBuild(fixture.corpus.content, out, { point, signal: 'SIGKILL' });
    assert.ok(landing?.stagedManifest, `SIGKILL ${describeLanding(landing)}`);
    await assertServesWhole(fixture.corpus.content, out, reference);
    rmSync(out, { recursive: true, force: true });
  });
});
