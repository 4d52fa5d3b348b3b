import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKey } from '../../src/partners/keys.js';
import { LastGoodPartners } from '../../src/partners/last-good.js';
import { LAST_GOOD_FILE } from '../../src/partners/registry-state.js';
import { loadPartners } from '../../src/partners/registry.js';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { partnerContent } from '../helpers/partners.js';
import { startTestService } from '../helpers/service.js';
import { issueKeys, partnersCommand, stateDirOf } from './helpers.js';

/**
 * A build of the running service reads partners.yaml, then the last good partners, then writes the last good
 * partners back; `courier partners remove` and `revoke` run beside it, in another process. Each test puts the
 * command between two of those steps, on the real files, then lets the service build.
 */
describe('a partner or key taken away while a build runs', () => {
  let build: TempBuild;
  let keys: Record<string, string>;
  let service: RunningService;
  beforeEach(async () => {
    build = partnerContent();
    keys = await issueKeys(build, ['full', 'msn']);
    ({ service } = await startTestService(build));
  });
  afterEach(async () => {
    await service.close();
    build.remove();
  });
  const status = async (key: string) => (await request(service.url, `/partners/${key}/rss.xml`)).status;
  const lastGoodPath = () => join(stateDirOf(build), LAST_GOOD_FILE);
  // A rebuild joins a build the watcher may have started before the last change: then one more, from after it.
  const rebuilt = async () => {
    await service.rebuild();
    await service.rebuild();
  };

  it('stays away when the build read partners.yaml before the command and the last good partners after', async () => {
    const racing = new LastGoodPartners(stateDirOf(build));
    const read = await loadPartners(build.content);
    assert.equal((await partnersCommand(build, 'remove', 'full')).status, 0);
    assert.ok(
      read.partners.some((partner) => partner.id === 'full'),
      'the build read partners.yaml with full',
    );
    await racing.inForce(read.partners);

    await rebuilt();
    assert.equal(await status(keys.full!), 404);
    assert.doesNotMatch(readFileSync(lastGoodPath(), 'utf8'), /id: full/);
  });

  it('stays away when the build writes the last good partners it read before the command', async () => {
    const stale = readFileSync(lastGoodPath(), 'utf8');
    const msnPrefix = parseKey(keys.msn!)!.prefix;
    assert.equal((await partnersCommand(build, 'remove', 'full')).status, 0);
    assert.equal((await partnersCommand(build, 'revoke', 'msn', msnPrefix)).status, 0);
    writeFileSync(lastGoodPath(), stale);

    await rebuilt();
    assert.equal(await status(keys.full!), 404);
    assert.equal(await status(keys.msn!), 404);
    assert.doesNotMatch(readFileSync(lastGoodPath(), 'utf8'), new RegExp(`id: full|${msnPrefix}`));
  });

  it('stays revoked when partners.yaml brings the key back, and says so', async () => {
    const good = readFileSync(join(build.content, 'partners.yaml'), 'utf8');
    const msnPrefix = parseKey(keys.msn!)!.prefix;
    assert.equal((await partnersCommand(build, 'revoke', 'msn', msnPrefix)).status, 0);
    writeFileSync(join(build.content, 'partners.yaml'), good);
    const listed = await partnersCommand(build, 'list');
    assert.match(listed.stderr, new RegExp(`found ${msnPrefix}, revoked .*it stays revoked`));
    await rebuilt();
    assert.equal(await status(keys.msn!), 404);
  });

  it('comes back with `courier partners add`, and is then kept in force like any other', async () => {
    assert.equal((await partnersCommand(build, 'remove', 'full')).status, 0);
    const added = await partnersCommand(build, 'add', 'full', '--name', 'Full again', '--profile', 'full-text');
    assert.equal(added.status, 0, added.stderr);
    const key = added.stdout.trim().split('\n').at(-1)!;
    await rebuilt();
    assert.equal(await status(key), 200);
    writeFileSync(join(build.content, 'partners.yaml'), '');
    await rebuilt();
    assert.equal(await status(key), 200);
    assert.equal(await status(keys.full!), 404);
  });
});
