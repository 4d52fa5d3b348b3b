import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem } from '../../src/content/problem.js';
import { LastGoodPartners } from '../../src/partners/last-good.js';
import { changeLastGood, LAST_GOOD_FILE, partnersInForce } from '../../src/partners/registry-state.js';
import type { Partner, PartnerKey } from '../../src/partners/types.js';

const HASH = `scrypt$16384$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`;
const key = (prefix: string): PartnerKey => ({ prefix, hash: HASH, created: '2026-11-26T12:00:00Z' });
const MSN: Partner = { id: 'msn', name: 'MSN', profile: 'msn', keys: [key('aaaaaaaaaa'), key('bbbbbbbbbb')] };
const FLIP: Partner = { id: 'flip', name: 'Flipboard', profile: 'flipboard', keys: [key('cccccccccc')] };
const prefixes = (partners: readonly Partner[]) =>
  partners.map((partner) => [partner.id, ...partner.keys.map((k) => k.prefix)]);

describe('the partners in force', () => {
  it('are those of partners.yaml while there are no last good partners', () => {
    assert.deepEqual(partnersInForce([MSN], undefined), { partners: [MSN], problems: [] });
  });

  it('keep a partner that went missing from partners.yaml, and say how to remove it on purpose', () => {
    const { partners, problems } = partnersInForce([FLIP], [MSN, FLIP]);
    assert.deepEqual(prefixes(partners), [
      ['flip', 'cccccccccc'],
      ['msn', 'aaaaaaaaaa', 'bbbbbbbbbb'],
    ]);
    assert.deepEqual(problems.map(formatProblem), [
      'partners.yaml: partners (id msn): expected partner msn of the last good partners, found it missing or with ' +
        'problems; it stays in force as it was, with 2 keys, until `courier partners remove msn`',
    ]);
  });

  it('keep a key that went missing from its partner, and say how to revoke it on purpose', () => {
    const { partners, problems } = partnersInForce([{ ...MSN, keys: [key('bbbbbbbbbb')] }, FLIP], [MSN, FLIP]);
    assert.deepEqual(prefixes(partners), [
      ['msn', 'bbbbbbbbbb', 'aaaaaaaaaa'],
      ['flip', 'cccccccccc'],
    ]);
    assert.deepEqual(problems.map(formatProblem), [
      'partners.yaml: partners (id msn).keys (prefix aaaaaaaaaa): expected key aaaaaaaaaa of the last good ' +
        'partners, found it missing; it stays in force until `courier partners revoke msn aaaaaaaaaa`',
    ]);
  });

  it('take new partners and keys, and changed names, profiles and categories, from partners.yaml', () => {
    const renamed = { ...MSN, name: 'Microsoft Start', categories: ['World'], keys: [...MSN.keys, key('dddddddddd')] };
    const { partners, problems } = partnersInForce([renamed, FLIP], [MSN]);
    assert.deepEqual(partners, [renamed, FLIP]);
    assert.deepEqual(problems, []);
  });
});

describe('the last good partners in the state folder', () => {
  let root: string;
  let stateDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'courier-last-good-'));
    stateDir = join(root, 'state');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('are saved there, and keep every partner in force for a restart on an empty partners.yaml', async () => {
    assert.deepEqual((await new LastGoodPartners(stateDir).inForce([MSN, FLIP])).problems, []);
    assert.match(readFileSync(join(stateDir, LAST_GOOD_FILE), 'utf8'), /^# The partners last in force/);
    const restarted = await new LastGoodPartners(stateDir).inForce([]);
    assert.deepEqual(restarted.partners, [MSN, FLIP]);
    assert.equal(restarted.problems.length, 2);
  });

  it('are read at every build, so a revoke made meanwhile counts', async () => {
    const lastGood = new LastGoodPartners(stateDir);
    await lastGood.inForce([MSN, FLIP]);
    await changeLastGood(stateDir, (partners) =>
      partners.map((partner) => (partner.id === 'msn' ? { ...partner, keys: [key('bbbbbbbbbb')] } : partner)),
    );
    const { partners, problems } = await lastGood.inForce([{ ...MSN, keys: [key('bbbbbbbbbb')] }, FLIP]);
    assert.deepEqual(prefixes(partners), [
      ['msn', 'bbbbbbbbbb'],
      ['flip', 'cccccccccc'],
    ]);
    assert.deepEqual(problems, []);
  });

  it('stand in from memory while the state folder cannot be written, with a problem that says so', async () => {
    writeFileSync(stateDir, 'a file where the folder should be');
    const lastGood = new LastGoodPartners(stateDir);
    const first = await lastGood.inForce([MSN, FLIP]);
    assert.deepEqual(first.partners, [MSN, FLIP]);
    assert.match(first.problems.map(formatProblem).join('\n'), /expected to save the last good partners, found E/);
    const emptied = await lastGood.inForce([]);
    assert.deepEqual(emptied.partners, [MSN, FLIP], 'nobody is cut off');
  });

  it('that are damaged are reported, and the partners this process had in force stand in', async () => {
    const lastGood = new LastGoodPartners(stateDir);
    await lastGood.inForce([MSN, FLIP]);
    writeFileSync(join(stateDir, LAST_GOOD_FILE), 'partners: [oops\n');
    const { partners, problems } = await lastGood.inForce([FLIP]);
    assert.deepEqual(partners, [FLIP, MSN]);
    assert.match(problems.map(formatProblem)[0]!, /partners\.last-good\.yaml: \(yaml\): expected valid YAML/);
    assert.doesNotMatch(readFileSync(join(stateDir, LAST_GOOD_FILE), 'utf8'), /oops/, 'and it is written anew');
  });

  it('are kept in memory only without a state folder', async () => {
    const lastGood = new LastGoodPartners(undefined);
    await lastGood.inForce([MSN]);
    assert.deepEqual((await lastGood.inForce([])).partners, [MSN]);
  });
});
