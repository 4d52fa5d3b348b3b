import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempBuild } from '../helpers/build.js';

describe('the feeds folder a new process finds', () => {
  let temp: TempBuild;
  beforeEach(() => (temp = new TempBuild()));
  afterEach(() => temp.remove());

  it("removes the temporary files an older version's killed writes left in the feed folders", async () => {
    await temp.build();
    const category = readdirSync(join(temp.out, 'categories'))[0] ?? '';
    const left = [join(temp.out, '.tmp-0a1b2c3d4e5f'), join(temp.out, 'categories', category, '.tmp-a1b2c3d4e5f6')];
    for (const path of left) writeFileSync(path, 'half a feed');
    const report = await temp.freshBuilder().build(Date.parse('2026-11-26T12:00:00Z'));
    assert.deepEqual(report.written, []);
    for (const path of left) assert.ok(!existsSync(path), `${path} left behind`);
  });
});
