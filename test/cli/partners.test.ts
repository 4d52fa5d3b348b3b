import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKey } from '../../src/partners/keys.js';
import { KeyVerifier } from '../../src/partners/verifier.js';
import { writePulls } from '../../src/partners/pulls.js';
import { loadPartners } from '../../src/partners/registry.js';
import type { Partner } from '../../src/partners/types.js';
import { GOLDEN_NOW } from '../helpers/build.js';
import { TempContent } from '../helpers/content.js';
import { courier as run, type Run } from './courier.js';

/** The id of the partner a key opens among these partners, or undefined. */
async function opens(partners: readonly Partner[], key: string): Promise<string | undefined> {
  const verdict = await new KeyVerifier(partners).verify(key, '127.0.0.1');
  return 'partner' in verdict ? verdict.partner.id : undefined;
}

const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

describe('the courier partners command', () => {
  let temp: TempContent;
  beforeEach(() => {
    temp = new TempContent();
  });
  afterEach(() => temp.remove());

  const courier = (...args: string[]): Promise<Run> =>
    run(['partners', ...args, '--content', temp.content, '--out', temp.out]);
  const partnersFile = () => readFileSync(join(temp.content, 'partners.yaml'), 'utf8');
  const prefix = (key: string) => parseKey(key)!.prefix;

  /** Runs a command that prints a key, checks the key is on a line of its own and nowhere else, and returns it. */
  const issued = async (...args: string[]): Promise<string> => {
    const result = await courier(...args);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    const key = lines.at(-1)!;
    assert.ok(parseKey(key), `the last line is a key: ${key}`);
    assert.match(lines.at(-2)!, /store this key now/);
    const { secret } = parseKey(key)!;
    assert.equal(result.stdout.split(secret).length, 2, 'the secret is printed once');
    assert.ok(!result.stderr.includes(secret));
    for (const path of filesUnder(temp.root)) {
      assert.ok(!readFileSync(path, 'utf8').includes(secret), `${path} holds the secret`);
    }
    return key;
  };

  it('add creates the partner with one key, prints the key once, and the key verifies', async () => {
    const key = await issued('add', 'msn', '--name', 'MSN', '--profile', 'msn', '--categories', 'World, Business');
    const { partners, problems } = await loadPartners(temp.content);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      partners.map(({ keys, ...partner }) => ({ ...partner, keys: keys.map((k) => k.prefix) })),
      [{ id: 'msn', name: 'MSN', profile: 'msn', categories: ['World', 'Business'], keys: [prefix(key)] }],
    );
    assert.equal(await opens(partners, key), 'msn');
  });

  it(
    'add refuses an existing id, a bad profile and a bad id on stderr, ' + 'exits 1 and leaves the file alone',
    async () => {
      await issued('add', 'msn', '--name', 'MSN', '--profile', 'msn');
      const before = partnersFile();
      const cases: Array<[string[], RegExp]> = [
        [['add', 'msn', '--name', 'MSN again', '--profile', 'msn'], /^courier: partner "msn" already exists/],
        [
          ['add', 'gn', '--name', 'Google', '--profile', 'bing'],
          /^courier: --profile: expected one of full-text, summary-only, msn, google-news, flipboard, found "bing"$/m,
        ],
        [
          ['add', 'Google News', '--name', 'Google', '--profile', 'google-news'],
          /^courier: partner id: expected an id of lower-case letters, digits and hyphens, found "Google News"$/m,
        ],
        [['add', 'gn', '--profile', 'google-news'], /^courier: --name: required; found nothing$/m],
      ];
      for (const [args, message] of cases) {
        const result = await courier(...args);
        assert.equal(result.status, 1, args.join(' '));
        assert.equal(result.stdout, '');
        assert.match(result.stderr, message);
      }
      assert.equal(partnersFile(), before);
    },
  );

  it(
    'rotate adds a key while the old one keeps working; ' + 'revoke removes one and refuses an unknown prefix',
    async () => {
      const first = await issued('add', 'msn', '--name', 'MSN', '--profile', 'msn');
      const second = await issued('rotate', 'msn');
      let { partners } = await loadPartners(temp.content);
      assert.deepEqual(
        partners[0]?.keys.map((key) => key.prefix),
        [prefix(first), prefix(second)],
      );

      const revoked = await courier('revoke', 'msn', prefix(first));
      assert.equal(revoked.status, 0, revoked.stderr);
      ({ partners } = await loadPartners(temp.content));
      assert.equal(await opens(partners, first), undefined);
      assert.equal(await opens(partners, second), 'msn');

      const again = await courier('revoke', 'msn', prefix(first));
      assert.equal(again.status, 1);
      assert.equal(again.stderr, `courier: partner msn has no key ${prefix(first)}; its keys are: ${prefix(second)}\n`);
      const wholeKey = await courier('revoke', 'msn', second);
      assert.equal(wholeKey.status, 1);
      assert.ok(!wholeKey.stderr.includes(parseKey(second)!.secret), 'a key given by mistake is not echoed');
      assert.equal((await courier('rotate', 'nobody')).status, 1);
    },
  );

  it('keeps the comments, order and layout of partners.yaml when it adds, rotates and revokes', async () => {
    const written = [
      '# Our partners. Ask the desk before adding one.',
      'partners:',
      '  # The big one.',
      '  - id: msn',
      '    name: MSN',
      '    profile: msn',
      '    categories: [World, Business]  # their rights, contract 2026-04',
      '    keys: []',
      '  - id: flip # reprints on Fridays',
      '    name: Flipboard',
      '    profile: flipboard',
      '    keys: []',
      '',
    ].join('\n');
    writeFileSync(join(temp.content, 'partners.yaml'), written);
    const first = (await courier('rotate', 'msn')).stdout.trimEnd().split('\n').at(-1) ?? '';
    await courier('rotate', 'msn');
    await courier('revoke', 'msn', prefix(first));
    await courier('add', 'full', '--name', 'Full', '--profile', 'full-text');
    const text = partnersFile();
    for (const kept of [
      '# Our partners. Ask the desk before adding one.',
      '  # The big one.',
      '# their rights, contract 2026-04',
      '- id: flip # reprints on Fridays',
      'categories: [World, Business]',
    ]) {
      assert.ok(text.includes(kept), `${kept} is kept in:\n${text}`);
    }
    assert.ok(
      text.indexOf('id: msn') < text.indexOf('id: flip') && text.indexOf('id: flip') < text.indexOf('id: full'),
    );
    assert.ok(!text.includes(prefix(first)), 'the revoked key is gone');
    const { partners, problems } = await loadPartners(temp.content);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      partners.map((partner) => [partner.id, partner.keys.length]),
      [
        ['msn', 1],
        ['flip', 0],
        ['full', 1],
      ],
    );
  });

  it('list shows every partner and key with when it last pulled', async () => {
    const key = await issued('add', 'msn', '--name', 'MSN', '--profile', 'msn', '--categories', 'World');
    await issued('add', 'flip', '--name', 'Flipboard', '--profile', 'flipboard');
    await writePulls(join(temp.root, '.courier-state'), { msn: { [prefix(key)]: '2026-11-26T12:00:00.000Z' } });
    const result = await courier('list');
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/ {2,}/));
    assert.deepEqual(
      lines.map((columns) => [columns[0], columns[3], columns[6]]),
      [
        ['ID', 'CATEGORIES', 'LAST PULLED'],
        ['msn', 'World', '2026-11-26T12:00:00.000Z'],
        ['flip', '(all)', 'never'],
      ],
    );
    assert.match(lines[1]![5]!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const created = new Date(GOLDEN_NOW).toISOString().replace('.000Z', 'Z');
    assert.equal(lines[1]![5], created, 'created as of the clock given');
  });

  it('reads the last pulls (and the last good partners) in the state folder given with --state', async () => {
    const key = await issued('add', 'msn', '--name', 'MSN', '--profile', 'msn');
    const elsewhere = join(temp.root, 'elsewhere');
    await writePulls(elsewhere, { msn: { [prefix(key)]: '2026-11-27T08:00:00.000Z' } });
    const result = await courier('list', '--state', elsewhere);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^msn .* 2026-11-27T08:00:00\.000Z$/m);
  });

  it('refuses to change a file that has problems, naming each', async () => {
    temp.write('partners.yaml', 'partners:\n  - { id: msn, name: MSN, profile: bing }\n');
    const result = await courier('rotate', 'msn');
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^partners\.yaml: partners\[0\]\.profile: expected one of .*, found "bing"$/m);
    assert.match(partnersFile(), /profile: bing/);
  });
});
