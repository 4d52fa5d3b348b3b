import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../../src/content/article.js';
import { formatProblem } from '../../src/content/problem.js';
import { testSite } from '../helpers/content.js';
import { FIXTURES } from '../helpers/paths.js';

const FOLDER = join(FIXTURES, 'bad-records');
const EXPECT = /expect: (.+?)(?: -->)?$/m;

describe('a bad record', () => {
  const site = testSite();
  for (const name of readdirSync(FOLDER).filter((file) => file.endsWith('.md')).sort()) {
    const text = readFileSync(join(FOLDER, name), 'utf8');
    const expected = EXPECT.exec(text)?.[1];
    it(`${name} is left out with "${expected}"`, () => {
      assert.ok(expected, `${name} must state what it expects in an "expect:" line`);
      const file = `articles/2026/11/${name}`;
      const result = parseArticle(text, file, site);
      assert.equal(result.article, undefined, 'the record must be refused');
      const messages = result.problems.map(formatProblem);
      assert.ok(
        messages.some((message) => message.startsWith(`${file}: `) && message.includes(expected)),
        `expected a problem containing ${JSON.stringify(expected)}, got:\n${messages.join('\n')}`,
      );
    });
  }
});
