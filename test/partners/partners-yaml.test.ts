import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKey } from '../../src/partners/keys.js';
import { LAST_GOOD_FILE } from '../../src/partners/registry-state.js';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { partnerContent } from '../helpers/partners.js';
import { startTestService } from '../helpers/service.js';
import { issueKeys, partnersCommand, stateDirOf } from './helpers.js';

/** Ways partners.yaml goes wrong, from its good text: none of them may cut a partner or a key off. */
const DAMAGE: Array<[string, (good: string) => string]> = [
  ['broken', () => 'partners: [oops\n'],
  ['emptied', () => ''],
  ['truncated at an entry boundary', (good) => good.slice(0, good.indexOf('  - id: msn'))],
  ['truncated in the middle of a key', (good) => good.slice(0, good.indexOf('hash: ', good.indexOf('id: msn')) + 30)],
  [
    'without one of the keys of a partner',
    (good) => good.replace(/\n {6}- prefix: [a-z0-9]{10}\n.*\n.*(?=\n {2}- id: summary)/, ''),
  ],
];

describe('partners.yaml gone wrong', () => {
  let build: TempBuild;
  let keys: Record<string, string>;
  let good: string;
  const partnersFile = () => join(build.content, 'partners.yaml');
  beforeEach(async () => {
    build = partnerContent();
    keys = await issueKeys(build, ['full', 'msn']);
    // A second key for full, so that one of its keys can go missing.
    keys.fullOther = (await issueKeys(build, ['full'])).full!;
    good = readFileSync(partnersFile(), 'utf8');
  });
  afterEach(() => build.remove());

  const everyKeyWorks = async (service: RunningService) => {
    for (const [name, key] of Object.entries(keys)) {
      assert.equal((await request(service.url, `/partners/${key}/rss.xml`)).status, 200, name);
    }
  };

  for (const [damage, damaged] of DAMAGE) {
    it(`${damage}, at a restart, cuts nobody off: the last good partners are served`, async () => {
      let { service, log } = await startTestService(build);
      try {
        await everyKeyWorks(service);
        await service.close();
        writeFileSync(partnersFile(), damaged(good));
        ({ service, log } = await startTestService(build));
        await everyKeyWorks(service);
        assert.match(log.text(), /^partners\.yaml: .*stays in force/m);
      } finally {
        await service.close();
      }
    });

    it(`${damage}, while the service runs, cuts nobody off`, async () => {
      const { service, log } = await startTestService(build);
      try {
        writeFileSync(partnersFile(), damaged(good));
        await service.rebuild();
        await everyKeyWorks(service);
        assert.match(log.text(), /^partners\.yaml: .*stays in force/m);
      } finally {
        await service.close();
      }
    });
  }

  it('names what stays in force and how to take it away on purpose', async () => {
    const { service, log } = await startTestService(build);
    try {
      writeFileSync(partnersFile(), good.slice(0, good.indexOf('  - id: msn')));
      await service.rebuild();
      const problems = log.text();
      for (const id of ['msn', 'google', 'flip']) {
        assert.match(problems, new RegExp(`partners \\(id ${id}\\): .*until \`courier partners remove ${id}\``));
      }
    } finally {
      await service.close();
    }
  });
});

describe('partners taken away on purpose', () => {
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
  const lastGood = () => readFileSync(join(stateDirOf(build), LAST_GOOD_FILE), 'utf8');

  it('go with `courier partners revoke` and `remove`, even when partners.yaml had already lost them', async () => {
    const good = readFileSync(join(build.content, 'partners.yaml'), 'utf8');
    writeFileSync(join(build.content, 'partners.yaml'), good.slice(0, good.indexOf('  - id: msn')));
    await service.rebuild();
    assert.equal(await status(keys.msn!), 200, 'msn, missing from the file, stays in force');

    const msnPrefix = parseKey(keys.msn!)!.prefix;
    const revoked = await partnersCommand(build, 'revoke', 'msn', msnPrefix);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.equal(revoked.stdout, `courier: revoked key ${msnPrefix} of partner msn; 0 keys left\n`);

    const removed = await partnersCommand(build, 'remove', 'full');
    assert.equal(removed.status, 0, removed.stderr);
    assert.equal(removed.stdout, 'courier: removed partner full and its 1 key\n');
    assert.doesNotMatch(readFileSync(join(build.content, 'partners.yaml'), 'utf8'), /id: full/);

    // The watcher may have a build running that read the files before the commands changed them, and that saves
    // the last good partners it read (they are never in force again: the revoked file is read last). Join it,
    // then build once more: the file no longer holds what the commands took away.
    await service.rebuild();
    await service.rebuild();
    assert.doesNotMatch(lastGood(), new RegExp(msnPrefix));
    assert.doesNotMatch(lastGood(), /id: full/);
    assert.equal(await status(keys.msn!), 404);
    assert.equal(await status(keys.full!), 404);
  });

  it('are listed while only the last good partners keep them, with a problem that says so', async () => {
    const good = readFileSync(join(build.content, 'partners.yaml'), 'utf8');
    writeFileSync(join(build.content, 'partners.yaml'), good.slice(0, good.indexOf('  - id: msn')));
    const listed = await partnersCommand(build, 'list');
    assert.equal(listed.status, 1);
    assert.match(listed.stdout, new RegExp(`^msn .* ${parseKey(keys.msn!)!.prefix} `, 'm'));
    assert.match(listed.stderr, /partners \(id msn\): .*`courier partners remove msn`/);
    const added = await partnersCommand(build, 'add', 'msn', '--name', 'MSN again', '--profile', 'msn');
    assert.equal(added.status, 1);
    assert.match(added.stderr, /^courier: partner "msn" is not in partners\.yaml but stays in force/);
    assert.equal((await partnersCommand(build, 'rotate', 'msn')).status, 1);
  });

  it('need an id or a prefix that is in force', async () => {
    const unknown = await partnersCommand(build, 'remove', 'nobody');
    assert.equal(unknown.status, 1);
    assert.match(
      unknown.stderr,
      /^courier: no partner "nobody"; the partners are: full, summary, msn, google, flip\n$/,
    );
  });
});
