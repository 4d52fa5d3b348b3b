import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import { ImportSite } from './built.js';

const WORDPRESS_RSS = join(FIXTURES, 'import', 'wordpress-rss.xml');
const WXR = join(FIXTURES, 'import', 'wordpress-export.xml');
const records = (site: ImportSite) =>
  readdirSync(join(site.content, 'articles'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .sort();

describe('courier import, the command', function () {
  this.timeout(60_000);
  let site: ImportSite;
  beforeEach(() => {
    site = new ImportSite();
  });
  afterEach(() => site.remove());

  it('with --dry-run says what it would write, and writes nothing', async () => {
    const run = await site.import(WORDPRESS_RSS, '--dry-run');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^would be written articles\/2026\/11\/oman-hosts-talks\.md "Oman hosts talks/m);
    assert.match(run.stdout, /courier import: 2 written, 0 replaced, 0 skipped, 0 failed \(dry run: nothing written\)/);
    assert.deepEqual(records(site), []);
  });

  it('imports a source twice as once: the second time every item is there already, and nothing is rewritten', async () => {
    await site.import(WORDPRESS_RSS);
    const path = join(site.content, 'articles/2026/11/oman-hosts-talks.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Layla Haddad', 'Layla Haddad-Said'));
    const again = await site.import(WORDPRESS_RSS);
    assert.equal(again.status, 0);
    assert.match(
      again.stdout,
      /skipped articles\/2026\/11\/oman-hosts-talks\.md "[^"]+": already imported as articles\/2026\/11\/oman-hosts-talks\.md/,
    );
    assert.match(again.stdout, /courier import: 0 written, 0 replaced, 2 skipped, 0 failed/);
    assert.match(readFileSync(path, 'utf8'), /Layla Haddad-Said/, 'an edited record is kept');
    assert.equal(records(site).length, 2);
  });

  it('with --force replaces a record imported before (the same id), in its own file', async () => {
    await site.import(WORDPRESS_RSS);
    const path = join(site.content, 'articles/2026/11/oman-hosts-talks.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Layla Haddad', 'Layla Haddad-Said'));
    const forced = await site.import(WORDPRESS_RSS, '--force');
    assert.equal(forced.status, 0);
    assert.match(forced.stdout, /courier import: 0 written, 2 replaced, 0 skipped, 0 failed/);
    assert.doesNotMatch(readFileSync(path, 'utf8'), /Layla Haddad-Said/);
  });

  it("never replaces another story's record, even with --force: the new one takes the next free name", async () => {
    site.article('2026/11/markets-steady.md', 'title: Our own markets story\npublished: 2026-11-20');
    const run = await site.import(WORDPRESS_RSS, '--force');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^written articles\/2026\/11\/markets-steady-2\.md "Markets steady as oil slips"/m);
    assert.match(
      readFileSync(join(site.content, 'articles/2026/11/markets-steady.md'), 'utf8'),
      /Our own markets story/,
    );
  });

  it('imports WordPress drafts and private posts as drafts, or leaves them out with --skip-drafts', async () => {
    const run = await site.import(WXR, '--skip-drafts');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^skipped "Staff memo": a draft in the source \(--skip-drafts\)/m);
    assert.match(run.stdout, /courier import: 2 written, 0 replaced, 2 skipped, 0 failed/);
    assert.ok(!existsSync(join(site.content, 'articles/2026/11/staff-memo.md')));
  });

  it('says what it could not carry, per item and in a summary by field', async () => {
    const run = await site.import(WXR);
    assert.match(run.stdout, /^ {2}note: comments: 1 not carried/m);
    assert.match(run.stdout, /^ {2}note: status: private in WordPress, imported as a draft \(in no feed\)/m);
    assert.match(run.stdout, /^source: left out 1 page entries \(only posts are articles\)$/m);
    assert.match(run.stdout, /^notes, by field \(items\): authors 1, comments 1, published 1, status 2$/m);
  });

  it('leaves out an item that makes no valid record, names why, and exits 1', async () => {
    const file = join(site.root, 'undated.xml');
    writeFileSync(
      file,
      '<rss version="2.0"><channel><title>T</title><item><title>No date</title><guid>https://x.example/1</guid><description>Body</description></item></channel></rss>',
    );
    const run = await site.import(file);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^failed "No date": published: the item has no date, and a record needs one$/m);
  });

  it('exits 1 with one line for a source it cannot read, and 2 for a usage mistake', async () => {
    const missing = await site.import(join(site.root, 'nowhere.xml'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^courier: \S+nowhere\.xml: cannot be read \(ENOENT\)\n$/);
    const html = join(site.root, 'page.html');
    writeFileSync(html, '<html><body>Hello</body></html>');
    const wrong = await site.import(html);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /expected <rss>, <feed> or a JSON Feed, found <html>/);
    const broken = join(site.root, 'broken.xml');
    writeFileSync(broken, '<rss><channel><item></channel></rss>');
    assert.match((await site.import(broken)).stderr, /expected well-formed XML, found: /);
    const usage = await site.import();
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^Usage: courier import <file-or-url>/);
  });
});
