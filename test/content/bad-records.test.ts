import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../../src/content/article.js';
import { formatProblem, isError } from '../../src/content/problem.js';
import { testSite } from '../helpers/content.js';
import { FIXTURES } from '../helpers/paths.js';

const FOLDER = join(FIXTURES, 'bad-records');
/** "expect: <message>": the record is left out with an error holding it; "warn: <message>": it is published. */
const EXPECT = /(expect|warn): (.+?)(?: -->)?$/m;

describe('a bad record', () => {
  const site = testSite();
  for (const name of readdirSync(FOLDER)
    .filter((file) => file.endsWith('.md'))
    .sort()) {
    const text = readFileSync(join(FOLDER, name), 'utf8');
    const [, kind, expected] = EXPECT.exec(text) ?? [];
    const outcome = kind === 'warn' ? 'is published with the warning' : 'is left out with';
    it(`${name} ${outcome} "${expected}"`, () => {
      assert.ok(expected, `${name} must state what it expects in an "expect:" or "warn:" line`);
      const file = `articles/2026/11/${name}`;
      const result = parseArticle(text, file, site);
      const messages = result.problems.map(formatProblem);
      const prefix = kind === 'warn' ? `warning: ${file}: ` : `${file}: `;
      if (kind === 'warn') {
        assert.ok(result.article, `the record must be published, got:\n${messages.join('\n')}`);
        assert.deepEqual(result.problems.filter(isError), [], 'a published record has only warnings');
      } else assert.equal(result.article, undefined, 'the record must be refused');
      assert.ok(
        messages.some((message) => message.startsWith(prefix) && message.includes(expected)),
        `expected a problem containing ${JSON.stringify(expected)}, got:\n${messages.join('\n')}`,
      );
    });
  }
});
