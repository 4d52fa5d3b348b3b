import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Builder } from '../../src/publish/builder.js';
import { GOLDEN_CONTENT, GOLDEN_NOW } from '../helpers/build.js';
import { SITE_YAML, TempContent } from '../helpers/content.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const OCTOBER = Date.parse('2026-10-01T00:00:00Z');

/**
 * Every file of a feeds folder by path, as a digest of its bytes; the manifest without its Last-Modified dates,
 * which depend on what the folder published before when bytes change without a newer date (publish/output.ts).
 */
function digests(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const bytes = name === 'manifest.json' ? withoutDates(readFileSync(path, 'utf8')) : readFileSync(path);
    files.set(name, createHash('sha256').update(bytes).digest('hex'));
  }
  return files;
}

function withoutDates(manifest: string): string {
  return JSON.stringify(JSON.parse(manifest), (key, value: unknown) => (key === 'lastModified' ? undefined : value));
}

/** Builds, makes the edit, builds again with the same builder, and compares with a new builder's folder. */
async function assertSameAsNew(content: TempContent, edit: () => void): Promise<void> {
  const builder = new Builder(content.content, content.out);
  await builder.build(GOLDEN_NOW);
  edit();
  await builder.build(GOLDEN_NOW + MINUTE);
  const fresh = join(content.root, 'fresh-feeds');
  await new Builder(content.content, fresh).build(GOLDEN_NOW + MINUTE);
  assert.deepEqual(digests(content.out), digests(fresh));
}

describe('a builder that built before, after an edit', () => {
  let content: TempContent;
  afterEach(() => content.remove());

  it('publishes what a new one would when a retraction is dated anew in a feed with no other article', async () => {
    content = new TempContent(readFileSync(join(GOLDEN_CONTENT, 'site.yaml'), 'utf8'));
    const retracted = readFileSync(join(GOLDEN_CONTENT, 'articles/2026/11/retracted.md'), 'utf8');
    content.write('articles/2026/11/retracted.md', retracted);
    await assertSameAsNew(content, () =>
      content.write('articles/2026/11/retracted.md', retracted.replace('T09:00:00Z', 'T11:00:00Z')),
    );
  });

  it("publishes what a new one would when a category's newest article spells its name anew, archive pages included", async () => {
    content = new TempContent(SITE_YAML);
    // Sixty: archive pages of fifty (src/model/archive.ts), the first of them holding none of the newest ten.
    const story = (index: number, category: string) =>
      content.article(
        `2026/10/story-${index}.md`,
        `title: Story ${index}\npublished: "${new Date(OCTOBER + index * HOUR).toISOString()}"\ncategories: [${category}]`,
      );
    for (let index = 1; index <= 60; index += 1) story(index, 'Alpha');
    await assertSameAsNew(content, () => story(60, 'ALPHA'));
  });
});
