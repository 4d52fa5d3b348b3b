import assert from 'node:assert/strict';
import { parseKey } from '../../src/partners/keys.js';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
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
