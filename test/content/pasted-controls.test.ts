import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../../src/content/problem.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';

describe('a record with control characters pasted into its front matter', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  const path = () => join(build.content, 'articles/2026/11/pasted.md');
  const write = (title: string) => {
    writeFileSync(path(), record(`title: ${title}\npublished: 2026-11-26T08:00:00Z\ncategories: [World]`));
  };

  it('is published in its new version without them, and the build warns naming each with its line', async () => {
    write('Talks resume');
    await build.build();
    write('Talks\u0007 resume in Muscat\u001b\u000b');
    const report = await build.build(GOLDEN_NOW + 60_000);
    assert.equal(report.ok, true);
    assert.deepEqual(report.kept, []);
    assert.deepEqual(
      report.problems.map(formatProblem).filter((problem) => problem.includes('pasted.md')),
      [
        'warning: articles/2026/11/pasted.md: title: removed the control characters U+0007 (BEL), U+001B (ESC) and ' +
          'U+000B (VT) at line 2',
      ],
    );
    const rss = readFileSync(join(build.out, 'rss.xml'), 'utf8');
    assert.match(rss, /<title>Talks resume in Muscat<\/title>/);
    assert.doesNotMatch(rss, /<title>Talks resume<\/title>/);
  });
});
