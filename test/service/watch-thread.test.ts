import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../src/lib/logger.js';
import { ContentWatchThread } from '../../src/service/watch-thread.js';
import { record, TempContent } from '../helpers/content.js';

describe('the content watch on a thread of its own', () => {
  let content: TempContent;
  let watch: ContentWatchThread | undefined;
  const said: string[] = [];
  const log: Logger = {
    info: (message) => said.push(message),
    warn: (message) => said.push(message),
    error: (message) => said.push(message),
  };
  const seen: string[] = [];
  const open = () =>
    new ContentWatchThread({
      contentDir: content.content,
      mode: 'events',
      intervalMs: 100,
      scope: 'content',
      changed: (file) => seen.push(file),
      log,
    });
  const until = async (done: () => boolean) => {
    for (let waited = 0; !done() && waited < 5000; waited += 20) await sleep(20);
  };

  beforeEach(() => {
    content = new TempContent();
    seen.length = 0;
    said.length = 0;
  });
  afterEach(async () => {
    await watch?.close();
    content.remove();
  });

  it('tells this thread of each record saved, once its first scan is done and it sees every change', async () => {
    watch = open();
    assert.equal(watch.seeing, false, 'not before its first scan');
    await watch.ready();
    assert.equal(watch.seeing, true);
    content.write('articles/2026/11/new.md', record('title: New'));
    content.write('articles/2026/11/notes.txt', 'not a record');
    await until(() => seen.includes('articles/2026/11/new.md'));
    assert.deepEqual(seen, ['articles/2026/11/new.md']);
  });

  it('sees nothing once closed, and says nothing of its thread ending', async () => {
    watch = open();
    await watch.ready();
    await watch.close();
    assert.equal(watch.seeing, false);
    content.write('articles/2026/11/late.md', record('title: Late'));
    await sleep(300);
    assert.deepEqual([seen, said], [[], []]);
  });
});
