import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { record, SITE_YAML } from '../helpers/content.js';
import { isInput, mayHold } from '../../src/service/watch.js';
import { story, WatchedService } from './watching.js';

describe('what the watch of the content folder counts', () => {
  it('counts the records, site.yaml and partners.yaml, and no hidden, temporary or other file', () => {
    for (const file of ['site.yaml', 'partners.yaml', 'articles/2026/11/oman-talks.md'])
      assert.ok(isInput(file, 'content'), file);
    const others = [
      'README.md',
      'articles/2026/11/oman-talks.md.tmp-123',
      'articles/2026/11/.oman-talks.md.swp',
      'articles/2026/11/oman-talks.md~',
      'articles/2026/11/4913',
      '.git/index',
      'drafts/idea.md',
    ];
    for (const file of others) assert.ok(!isInput(file, 'content'), file);
  });

  it('never watches inside a hidden folder or outside articles/, and with builds by hand only partners.yaml', () => {
    assert.ok(mayHold('articles/2026', 'content'), 'a folder that may hold records, by its name alone');
    assert.ok(!mayHold('.git', 'content') && !mayHold('articles/.cache', 'content') && !mayHold('images', 'content'));
    assert.ok(mayHold('partners.yaml', 'partners') && !mayHold('articles', 'partners'));
    assert.ok(isInput('partners.yaml', 'partners') && !isInput('site.yaml', 'partners'));
  });
});

describe('a running `courier serve` watching its content folder (real processes, real files, real HTTP)', function () {
  this.timeout(60_000);

  describe('with file system events', () => {
    const service = new WatchedService();
    before(async () => {
      service.content.write('articles/2026/11/first.md', story('The First Story'));
      service.content.write('articles/2026/11/to-rename.md', story('A Story Renamed'));
      service.content.write('articles/2026/11/to-delete.md', story('A Story Deleted'));
      await service.start();
    });
    after(() => service.stop());

    it('serves a new record within a second of its save', async () => {
      await service.latency(
        'a new file',
        () => service.content.write('articles/2026/11/new.md', story('A Brand New Story')),
        (feed) => feed.includes('A Brand New Story'),
      );
    });

    it('serves an edit', async () => {
      await service.latency(
        'an edit',
        () => service.content.write('articles/2026/11/first.md', story('The First Story, Corrected')),
        (feed) => feed.includes('The First Story, Corrected'),
      );
    });

    it('serves a record renamed, under its new name only', async () => {
      const articles = join(service.content.content, 'articles/2026/11');
      await service.latency(
        'a rename',
        () => renameSync(join(articles, 'to-rename.md'), join(articles, 'renamed.md')),
        (feed) => feed.includes('/renamed/') && !feed.includes('/to-rename/'),
      );
    });

    it('takes a deleted record out', async () => {
      await service.latency(
        'a delete',
        () => unlinkSync(join(service.content.content, 'articles/2026/11/to-delete.md')),
        (feed) => !feed.includes('A Story Deleted'),
      );
    });

    it("takes an editor's save by rename (a temporary file renamed over the record), and not the temporary file", async () => {
      await service.latency(
        'a save by rename',
        () => service.saveByRename('2026/11/first.md', story('The First Story, Saved By Rename')),
        (feed) => feed.includes('The First Story, Saved By Rename'),
      );
      assert.ok(!(await service.feed()).includes('.tmp-'), 'the temporary file is no record');
    });

    it('builds a burst of 500 new records once or twice, not 500 times, and serves them all', async () => {
      const before = service.builds('change').length;
      await service.latency(
        'a burst of 500 files',
        () => {
          for (let i = 0; i < 500; i += 1)
            service.content.write(`articles/2026/10/burst-${i}.md`, story(`Burst Story Number ${i}`, 1000 - i));
        },
        (feed) => feed.includes('Burst Story Number 499'),
      );
      // Whatever is still on its way settles: the quiet time and a build.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const builds = service.builds('change').slice(before);
      const counted = builds.reduce((sum, entry) => sum + Number(entry.changed), 0);
      console.log(`      the burst made ${builds.length} build(s), for ${counted} changed files`);
      assert.ok(builds.length >= 1 && builds.length <= 2, `${builds.length} builds for one burst`);
      assert.ok(counted <= 500, `${counted} changes counted for 500 files`);
      const last = service.courier!.logs().filter((entry) => String(entry.msg).startsWith('build finished'));
      assert.equal(last.at(-1)?.records, 503, 'the last build read every record');
    });

    it('says why each build ran, one line each', () => {
      const started = service.courier!.logs().filter((entry) => String(entry.msg).startsWith('build started'));
      assert.match(String(started[0]?.msg), /^build started: at start$/);
      assert.ok(started.slice(1).every((entry) => /^build started: \d+ files? changed$/.test(String(entry.msg))));
      assert.equal(started[0]?.looksAt, 'every record');
      assert.ok(
        started.slice(1).every((entry) => entry.looksAt === 'changed records'),
        'builds the watch started',
      );
      assert.equal(service.builds('schedule').length, 0);
    });
  });

  it('follows a content folder that is a symlink, and a symlinked folder inside it', async () => {
    const service = new WatchedService();
    const elsewhere = mkdtempSync(join(tmpdir(), 'courier-elsewhere-'));
    try {
      mkdirSync(join(elsewhere, 'content', 'articles', '2026'), { recursive: true });
      writeFileSync(join(elsewhere, 'content', 'site.yaml'), SITE_YAML);
      const link = join(service.content.root, 'linked-content');
      symlinkSync(join(elsewhere, 'content'), link);
      mkdirSync(join(elsewhere, 'desk'));
      symlinkSync(join(elsewhere, 'desk'), join(elsewhere, 'content', 'articles', '2026', '11'));
      await service.start({}, link);
      await service.latency(
        'a new file in a symlinked folder',
        () => writeFileSync(join(elsewhere, 'desk', 'linked.md'), story('A Story Through Two Links')),
        (feed) => feed.includes('A Story Through Two Links'),
      );
    } finally {
      await service.stop();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('polls at the configured interval with COURIER_WATCH=poll, for mounts where events do not come', async () => {
    const service = new WatchedService();
    try {
      service.content.write('articles/2026/11/first.md', story('The First Story'));
      await service.start({ COURIER_WATCH: 'poll', COURIER_WATCH_INTERVAL: '200' });
      assert.match(service.courier!.stdout, /looking at every file every 200 ms/);
      await service.latency(
        'polling, a new file',
        () => service.content.write('articles/2026/11/polled.md', story('A Story Found By Polling')),
        (feed) => feed.includes('A Story Found By Polling'),
      );
      await service.latency(
        'polling, a save by rename',
        () => service.saveByRename('2026/11/first.md', story('The First Story, Polled')),
        (feed) => feed.includes('The First Story, Polled'),
      );
    } finally {
      await service.stop();
    }
  });

  it('releases an embargoed record at its second, not at the next slot of the schedule', async () => {
    const service = new WatchedService();
    try {
      await service.start();
      // Three whole seconds ahead of the real time, the clock of the process too.
      const at = (Math.floor(Date.now() / 1000) + 3) * 1000;
      const published = `${new Date(at).toISOString().slice(0, 19)}+00:00`;
      const text = record(`title: An Embargoed Story\npublished: "${published}"\nauthors: [Staff Report]`);
      service.content.write('articles/2026/11/embargoed.md', text);
      let seenAt = 0;
      await service.latency(
        'the write of an embargoed file (then the embargo)',
        () => undefined,
        (feed) => {
          if (feed.includes('An Embargoed Story')) seenAt = Date.now();
          return seenAt > 0;
        },
      );
      assert.ok(seenAt >= at, `served ${at - seenAt} ms before its embargo ended`);
      console.log(`      an embargo: served ${seenAt - at} ms after its second`);
      const release = service.builds('release');
      assert.equal(release.length, 1, service.courier!.stdout);
      assert.match(String(release[0]!.msg), new RegExp(`embargo release of ${new Date(at).toISOString()}`));
    } finally {
      await service.stop();
    }
  });
});
