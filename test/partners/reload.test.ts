import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKey } from '../../src/partners/keys.js';
import type { RunningService } from '../../src/service/service.js';
import { watchPartners } from '../../src/service/watch-partners.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';
import { partnerContent } from '../helpers/partners.js';
import { startTestService } from '../helpers/service.js';
import { eventually, issueKeys, partnersCommand } from './helpers.js';

/** The bound on "within seconds": the watch reacts in well under one, a busy machine builds slowly. */
const SECONDS = 5_000;

describe('a running service, when partners.yaml changes', () => {
  let build: TempBuild;
  let service: RunningService;
  beforeEach(async () => {
    build = partnerContent();
    ({ service } = await startTestService(build));
  });
  afterEach(async () => {
    await service.close();
    build.remove();
  });
  const status = async (key: string) => (await request(service.url, `/partners/${key}/rss.xml`)).status;

  it('lets a key from `courier partners rotate` in within seconds, with no build of its own', async () => {
    const rotated = await partnersCommand(build, 'rotate', 'msn');
    assert.equal(rotated.status, 0, rotated.stderr);
    const key = rotated.stdout.trimEnd().split('\n').at(-1)!;
    assert.ok(await eventually(async () => (await status(key)) === 200, SECONDS), 'the new key opens the feed');
  });

  it('takes a file saved as editors save it, written beside and renamed over, within seconds', async () => {
    const keys = await issueKeys(build, ['google']);
    assert.ok(await eventually(async () => (await status(keys.google!)) === 200, SECONDS));
  });

  it('shuts a key out within seconds of `courier partners revoke`', async () => {
    const key = (await partnersCommand(build, 'rotate', 'flip')).stdout.trimEnd().split('\n').at(-1)!;
    assert.ok(await eventually(async () => (await status(key)) === 200, SECONDS));
    const revoked = await partnersCommand(build, 'revoke', 'flip', parseKey(key)!.prefix);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.ok(await eventually(async () => (await status(key)) === 404, SECONDS), 'the revoked key is wrong now');
  });
});

describe('the watch on partners.yaml', () => {
  it('looks at the file every second where its folder cannot be watched', async () => {
    const root = mkdtempSync(join(tmpdir(), 'courier-watch-'));
    const log = new RecordingLogger();
    let reloads = 0;
    const file = join(root, 'not-yet', 'partners.yaml');
    const stop = watchPartners(
      file,
      () => {
        reloads += 1;
        return Promise.resolve();
      },
      log,
    );
    try {
      assert.match(log.text(), /^cannot watch .*not-yet \(ENOENT\); looking at partners\.yaml every/);
      assert.equal(log.entries[0]?.level, 'warn');
      mkdirSync(join(root, 'not-yet'));
      writeFileSync(file, 'partners: []\n');
      assert.ok(await eventually(() => reloads > 0, SECONDS), 'the poll saw the new file');
    } finally {
      stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
