import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { GOLDEN } from '../helpers/paths.js';

/** Regenerate on purpose only: UPDATE_GOLDEN=1 npm test. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FILES = [
  'rss.xml',
  'atom.xml',
  'feed.json',
  'index.opml',
  'authors/jonas-berg/rss.xml',
  'categories/world/atom.xml',
  'index.html',
];

describe('the rendered feeds of the golden content', () => {
  let build: TempBuild;
  before(async () => {
    build = new TempBuild();
    await build.build();
  });
  after(() => build.remove());

  for (const path of FILES) {
    it(`match test/golden/${path}`, () => {
      const actual = readFileSync(join(build.out, path), 'utf8');
      const golden = join(GOLDEN, path);
      if (UPDATE) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, actual);
      }
      assert.equal(actual, readFileSync(golden, 'utf8'));
    });
  }
});
