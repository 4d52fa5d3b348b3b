import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { formatProblem } from '../../src/content/problem.js';
import { parsePartners } from '../../src/partners/registry-parse.js';
import { loadPartners, savePartners } from '../../src/partners/registry.js';
import type { Partner } from '../../src/partners/types.js';
import { TempContent } from '../helpers/content.js';

const HASH = `scrypt$16384$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`;

const GOOD = `# Syndication partners.
partners:
  - id: msn
    name: MSN
    profile: msn
    categories: [World, Business]
    keys:
      - prefix: k3f9a0c2d1
        hash: "${HASH}"
        created: "2026-11-26T12:00:00Z"
  - id: flip
    name: Flipboard
    profile: flipboard
`;

const problemsOf = (text: string) => parsePartners(text, 'partners.yaml').problems.map(formatProblem);

describe('the partners file', () => {
  it('is read with each partner, its categories and its keys', () => {
    const { partners, problems } = parsePartners(GOOD, 'partners.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(partners, [
      {
        id: 'msn',
        name: 'MSN',
        profile: 'msn',
        categories: ['World', 'Business'],
        keys: [{ prefix: 'k3f9a0c2d1', hash: HASH, created: '2026-11-26T12:00:00Z' }],
      },
      { id: 'flip', name: 'Flipboard', profile: 'flipboard', keys: [] },
    ]);
  });

  it('means no partners when it is missing or empty', async () => {
    const temp = new TempContent();
    try {
      assert.deepEqual(await loadPartners(temp.content), { partners: [], problems: [] });
      temp.write('partners.yaml', '# nobody yet\n');
      assert.deepEqual(await loadPartners(temp.content), { partners: [], problems: [] });
    } finally {
      temp.remove();
    }
  });

  it('reports every problem at once, each naming its file and field, and leaves out only the partners at fault', () => {
    const text = `partners:
  - id: MSN!
    name: [a, b]
    profile: bing
    categories: []
    colour: blue
  - id: ok
    name: Fine
    profile: full-text
  - id: keyless
    profile: msn
    keys:
      - prefix: short
        hash: md5$abc
        created: yesterday
      - 42
  - just a name
`;
    const { partners, problems } = parsePartners(text, 'partners.yaml');
    assert.deepEqual(
      partners.map((partner) => partner.id),
      ['ok'],
    );
    assert.deepEqual(problems.map(formatProblem), [
      'partners.yaml: partners[0].id: expected an id of lower-case letters, digits and hyphens, found "MSN!"',
      'partners.yaml: partners[0].name: expected plain text, found a list of 2',
      'partners.yaml: partners[0].profile: expected one of full-text, summary-only, msn, google-news, flipboard, found "bing"',
      'partners.yaml: partners[0].categories: expected at least one category (leave the field out for every category), found an empty list',
      'partners.yaml: partners[0].colour: unknown field; expected one of id, name, profile, categories, keys, token_header',
      'partners.yaml: partners[2].name: required; found nothing',
      'partners.yaml: partners[2].keys[0].prefix: expected a key prefix of 10 lower-case letters and digits, found "short"',
      'partners.yaml: partners[2].keys[0].hash: expected a scrypt hash made by `courier partners`, found "md5$abc"',
      'partners.yaml: partners[2].keys[0].created: expected a date such as "2026-11-26" or "2026-11-26T09:30:00+04:00", found "yesterday"',
      'partners.yaml: partners[2].keys[1]: expected a mapping with prefix, hash, created, found number 42',
      'partners.yaml: partners[3]: expected a mapping with id, name, profile, categories, keys, token_header, found "just a name"',
    ]);
  });

  it('refuses a repeated id or key prefix, leaving out both entries involved', () => {
    const key = (prefix: string) =>
      `\n    keys:\n      - { prefix: ${prefix}, hash: "${HASH}", created: "2026-11-26" }`;
    const text = `partners:
  - { id: a, name: A, profile: msn }
  - { id: a, name: A again, profile: msn }
  - id: b
    name: B
    profile: msn${key('aaaaaaaaaa')}
  - id: c
    name: C
    profile: msn${key('aaaaaaaaaa')}
  - { id: d, name: D, profile: msn }
`;
    const { partners, problems } = parsePartners(text, 'partners.yaml');
    assert.deepEqual(
      partners.map((partner) => partner.id),
      ['d'],
    );
    assert.deepEqual(problems.map(formatProblem), [
      'partners.yaml: partners[1].id: expected a unique id, found "a", which partners[0] also has',
      'partners.yaml: partners[3].keys[0].prefix: expected a unique key prefix, found "aaaaaaaaaa", which partners[2].keys[0] also has',
    ]);
  });

  it('reports YAML that does not parse, a file or a list of partners of the wrong shape, and unknown fields', () => {
    assert.match(problemsOf('partners: [')[0]!, /^partners\.yaml: \(yaml\): expected valid YAML, found /);
    assert.deepEqual(problemsOf('- msn\n- gn\n'), [
      'partners.yaml: (file): expected a mapping with partners, found a list of 2',
    ]);
    assert.deepEqual(problemsOf('partners: msn\nversion: 2\n'), [
      'partners.yaml: version: unknown field; expected one of partners',
      'partners.yaml: partners: expected a list of partners, found "msn"',
    ]);
  });

  it("reads a partner's token header, and refuses a name HTTP uses for something else", () => {
    const withHeader = (name: string) =>
      `partners:\n  - id: msn\n    name: MSN\n    profile: msn\n    token_header: ${name}\n    keys: []\n`;
    assert.equal(parsePartners(withHeader('X-Api-Key'), 'partners.yaml').partners[0]?.tokenHeader, 'X-Api-Key');
    for (const taken of ['Authorization', 'cookie', 'Content-Type', 'X-Forwarded-For', 'If-None-Match', 'X_Key']) {
      const { partners, problems } = parsePartners(withHeader(taken), 'partners.yaml');
      assert.deepEqual(partners, [], taken);
      assert.match(formatProblem(problems[0]!), /^partners\.yaml: partners\[0\]\.token_header: expected a header name/);
    }
  });

  describe('when saved', () => {
    let temp: TempContent;
    beforeEach(() => {
      temp = new TempContent();
    });
    afterEach(() => temp.remove());

    const partner = (id: string, prefix: string): Partner => ({
      id,
      name: `Partner ${id}`,
      profile: 'summary-only',
      keys: [{ prefix, hash: HASH, created: '2026-11-26T12:00:00Z' }],
    });

    it('reads back the same, after its header comment, with fields in a fixed order', async () => {
      const partners: Partner[] = [
        { ...partner('msn', 'k3f9a0c2d1'), categories: ['World', 'Middle East'] },
        { ...partner('gn', 'a0b1c2d3e4'), tokenHeader: 'X-Api-Key' },
      ];
      await savePartners(temp.content, partners);
      const text = readFileSync(`${temp.content}/partners.yaml`, 'utf8');
      assert.match(
        text,
        /^# Syndication partners\. Holds no secret: only a hash of each key\. Managed with `courier partners`\.\npartners:\n {2}- id: msn\n {4}name: Partner msn\n {4}profile: summary-only\n {4}categories:\n/,
      );
      assert.deepEqual(await loadPartners(temp.content), { partners, problems: [] });
    });

    it('keeps prefixes and ids that YAML would otherwise read as numbers', async () => {
      const partners = ['1234567890', '1e23456789', '0x1234abcd', '0o12345670'].map((prefix, index) =>
        partner(String(index), prefix),
      );
      await savePartners(temp.content, partners);
      assert.deepEqual(await loadPartners(temp.content), { partners, problems: [] });
    });

    it('replaces the file whole, through a rename: a reader of the old file still reads the old one, and no temporary file is left', async () => {
      await savePartners(temp.content, [partner('old', 'oooooooooo')]);
      const reader = openSync(`${temp.content}/partners.yaml`, 'r');
      try {
        await savePartners(temp.content, [partner('new', 'nnnnnnnnnn')]);
        const buffer = Buffer.alloc(4096);
        const old = buffer.subarray(0, readSync(reader, buffer, 0, buffer.length, 0)).toString('utf8');
        assert.match(old, /id: old/);
      } finally {
        closeSync(reader);
      }
      assert.deepEqual(
        (await loadPartners(temp.content)).partners.map((saved) => saved.id),
        ['new'],
      );
      assert.deepEqual(readdirSync(temp.content).sort(), ['articles', 'partners.yaml', 'site.yaml']);
    });
  });
});
