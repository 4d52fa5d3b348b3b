import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENVIRONMENT } from '../../src/config/read-config.js';
import { TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';
import { parseJsonLines } from '../helpers/log.js';
import { FIXTURES } from '../helpers/paths.js';
import { courier } from './courier.js';

describe('the courier command', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('check prints nothing but a count and exits 0 for good content', async () => {
    const result = await courier(['check', '--content', build.content]);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'courier: 8 valid records, 0 problems\n');
  });

  it('check leaves the feeds folder alone, the files a build is staging in it included', async () => {
    assert.equal((await courier(['build', '--content', build.content, '--out', build.out])).status, 0);
    const staged = join(build.out, '.staging', 'rss.xml');
    mkdirSync(dirname(staged));
    writeFileSync(staged, 'a build publishing meanwhile');
    assert.equal((await courier(['check', '--content', build.content, '--out', build.out])).status, 0);
    assert.equal(readFileSync(staged, 'utf8'), 'a build publishing meanwhile');
  });

  it('check prints every problem and exits 1', async () => {
    writeFileSync(join(build.content, 'articles/2026/11/bad.md'), record('title: [a, b]\npublished: yesterday'));
    const result = await courier(['check', '--content', build.content]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^articles\/2026\/11\/bad\.md: title: expected plain text, found a list of 2$/m);
    const published = /^articles\/2026\/11\/bad\.md: published: expected a date such as .* found "yesterday"$/m;
    assert.match(result.stdout, published);
  });

  it('build writes the feeds, and still does with a bad record, but exits 1 to say one was left out', async () => {
    writeFileSync(join(build.content, 'articles/2026/11/bad.md'), record('title: [a, b]\npublished: 2026-11-01'));
    const result = await courier(['build', '--content', build.content, '--out', build.out]);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /bad\.md: title/);
    assert.ok(existsSync(join(build.out, 'rss.xml')));
  });

  it('check --partner is a preflight: each rule an item breaks, with its source, and exit 1 on a rejection', async () => {
    cpSync(join(FIXTURES, 'partners'), build.content, { recursive: true });
    const result = await courier(['check', '--content', build.content, '--partner', 'msn']);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.split('\n');
    const title =
      'reject: articles/2026/11/long-title.md: titleLength: title is 536 characters; the partner takes 21 to 150';
    assert.ok(
      lines.some((line) => line.startsWith(title)),
      result.stdout,
    );
    assert.ok(
      lines.includes(
        '  source: MSN feed item metadata requirements, Articles: Title <https://support.microsoft.com/en-us/topic/msn-feed-item-metadata-requirements-0114c19c-36bb-4fef-8322-4a1ed6888329>',
      ),
    );
    assert.equal((await courier(['check', '--content', build.content, '--json'])).status, 2, '--json needs --partner');
  });

  it('names every bad environment variable and exits 2', async () => {
    const result = await courier(['serve'], { PORT: 'x', COURIER_SCHEDULE: 'y' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /PORT: expected/);
    assert.match(result.stderr, /COURIER_SCHEDULE: expected/);
    assert.equal(result.services.length, 0);
  });

  it('explains itself for an unknown command', async () => {
    const result = await courier(['publish']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^Usage: courier <build\|check\|serve\|status\|stats>/);
  });

  it('--help explains itself and exits 0; an unknown flag is named, with the usage, and exits 2', async () => {
    const help = await courier(['--help']);
    assert.equal(help.status, 0);
    assert.equal(help.stdout, '');
    assert.match(help.stderr, /^Usage: courier <build\|check\|serve\|status\|stats>/);
    for (const name of Object.keys(ENVIRONMENT)) assert.match(help.stderr, new RegExp(`^  ${name}  +\\S`, 'm'), name);
    const unknown = await courier(['build', '--outt', 'x']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /'--outt'[^\n]*\n\nUsage: courier /);
  });

  it('serve logs where it serves, and keeps serving until the entry point closes it', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1' };
    const result = await courier(['serve', '--content', build.content, '--out', build.out], env);
    const serving = parseJsonLines(result.stdout).find((entry) => String(entry.msg).startsWith('serving '));
    const url = String(serving?.url);
    try {
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.services.length, 1);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/, result.stdout);
      assert.equal(serving?.msg, `serving ${url}`);
      assert.equal(serving.feedsDir, build.out);
      assert.equal(serving.contentDir, build.content);
      assert.equal(serving.schedule, '* * * * *');
      assert.equal((await fetch(new URL('healthz', url))).status, 200);
    } finally {
      await Promise.all(result.services.map((close) => close()));
    }
    await assert.rejects(fetch(new URL('healthz', url)));
  });
});
