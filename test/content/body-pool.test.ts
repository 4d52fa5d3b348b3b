import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftArticle } from '../../bench/paired-corpus-draft.js';
import { DEFAULT_SHAPE } from '../../bench/paired-corpus-shape.js';
import { articleBody } from '../../src/content/article.js';
import { BodyPool, type BodyInput } from '../../src/content/body-pool.js';
import { WORKERS_FROM } from '../../src/content/body-pool-options.js';
import { renderBody } from '../../src/content/markdown.js';
import { GOLDEN_CONTENT } from '../helpers/build.js';
import { ROOT } from '../helpers/paths.js';

/** Every record file under `folder`. */
function recordFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(folder, name));
}

const RECORDS = [...recordFiles(join(GOLDEN_CONTENT, 'articles')), ...recordFiles(join(ROOT, 'content', 'articles'))];

/** Bodies that have broken feeds before: the hostile fixtures, the sample content, generated hostile records. */
const HOSTILE_BODIES = [
  ...RECORDS.map((file) => articleBody(readFileSync(file, 'utf8'))),
  ...Array.from(
    { length: 40 },
    (_, index) => draftArticle(index, { ...DEFAULT_SHAPE, n: 40, hostile: 1, html: 0.5 }).body,
  ),
  'Ends a CDATA section ]]> twice ]]]]><![CDATA[>, and <script>alert("x")</script> <img src=x onerror=alert(1)>',
  'Controls \u0000\u0001\u0007\u001b\u007f\u0085 and separators \u2028\u2029 in a paragraph.',
  '\u202eRTL override\u202c: مرحبا بالعالم و سلام دنیا, and emoji 👩🏽‍💻 🏳️‍🌈 with CJK 新闻 and Hangul 뉴스.',
  '<table><tr><td onclick="x()">raw</td></tr></table>\n\n<iframe src="https://evil.example/"></iframe>',
  '[relative](../up/) ![img](pics/a.jpg) <a href="javascript:alert(1)">js</a> [mail](mailto:desk@n.example)',
  '',
];

const urlOf = (index: number) => `https://n.example/2026/11/story-${index}/`;
const limitOf = (index: number) => [300, 0, Infinity][index % 3] ?? 300;

/** Each hostile body as Markdown, then each record as its file, for the worker to read. */
const INPUTS: BodyInput[] = [
  ...HOSTILE_BODIES.map((markdown, index) => ({ markdown, url: urlOf(index), summaryLimit: limitOf(index) })),
  ...RECORDS.map((file, index) => ({ file, url: urlOf(index), summaryLimit: limitOf(index) })),
];

const expected = () =>
  INPUTS.map((input) => {
    const markdown = 'markdown' in input ? input.markdown : articleBody(readFileSync(input.file, 'utf8'));
    return renderBody(markdown, input.url, input.summaryLimit);
  });

describe('the body pool', () => {
  for (const threads of [0, 1, 2]) {
    it(`renders every hostile body exactly as renderBody does, in order, with ${threads} worker threads`, async () => {
      const pool = new BodyPool({ threads, batchSize: 4, workersFrom: 1 });
      try {
        assert.ok(INPUTS.length > 8 * 4, 'enough bodies for several batches a worker');
        assert.deepEqual(await pool.render(INPUTS), expected());
        assert.equal(pool.running.length, threads, 'every worker was used');
      } finally {
        await pool.close();
      }
    });
  }

  it('renders on the calling thread, when asked, batches no worker has taken, exactly as renderBody does', async () => {
    const pool = new BodyPool({ threads: 1, batchSize: 2, workersFrom: 1 });
    try {
      const rendering = pool.render(INPUTS);
      let here = 0;
      while (pool.renderSomeHere()) here += 1;
      assert.ok(here > 0, 'some batches were rendered here');
      assert.deepEqual(await rendering, expected());
      assert.equal(pool.renderSomeHere(), false, 'nothing waits');
    } finally {
      await pool.close();
    }
  });

  it('answers undefined for a record file that cannot be read, and renders the rest', async () => {
    const pool = new BodyPool({ threads: 1, batchSize: 2, workersFrom: 1 });
    try {
      const gone = { file: join(ROOT, 'content', 'articles', 'gone.md'), url: urlOf(0), summaryLimit: 300 };
      const rendered = await pool.render([INPUTS[0]!, gone, INPUTS[1]!]);
      assert.deepEqual(rendered, [expected()[0], undefined, expected()[1]]);
    } finally {
      await pool.close();
    }
  });

  it('renders on the calling thread, with no worker running, when its caller asks for too few bodies in all', async () => {
    const pool = new BodyPool({ threads: 2, batchSize: 4 });
    try {
      assert.ok(INPUTS.length < WORKERS_FROM);
      assert.deepEqual(await pool.render(INPUTS), expected());
      assert.equal(pool.running.length, 0);
    } finally {
      await pool.close();
    }
  });

  it('starts its workers for a few bodies of a caller that asks for many in all', async () => {
    const pool = new BodyPool({ threads: 2, batchSize: 4 });
    try {
      assert.deepEqual(await pool.render(INPUTS.slice(0, 10), WORKERS_FROM), expected().slice(0, 10));
      assert.equal(pool.running.length, 2);
    } finally {
      await pool.close();
    }
  });

  it('answers a render of no bodies at once, also while its workers are running', async () => {
    const pool = new BodyPool({ threads: 2, batchSize: 4, workersFrom: 1 });
    try {
      await pool.render(INPUTS);
      assert.equal(pool.running.length, 2);
      const none = pool.render([], WORKERS_FROM);
      const late = new Promise((resolve) => setTimeout(resolve, 2000, 'still waiting after 2 s'));
      assert.deepEqual(await Promise.race([none, late]), []);
    } finally {
      await pool.close();
    }
  });

  it('rejects the render of a worker that dies, with a clear error, and renders again with a new one', async () => {
    const pool = new BodyPool({ threads: 2, batchSize: 2, workersFrom: 1 });
    try {
      const many = Array.from({ length: 20 }, () => INPUTS).flat();
      const rendering = pool.render(many);
      const [victim] = pool.running;
      assert.ok(victim, 'a worker is running');
      await victim.terminate();
      await assert.rejects(rendering, /worker thread died while rendering 2 bodies .*a bug, not bad input/);
      assert.deepEqual(await pool.render(INPUTS), expected());
      assert.equal(pool.running.length, 2);
      assert.ok(!pool.running.includes(victim), 'the dead worker was replaced');
    } finally {
      await pool.close();
    }
  });

  it('ends its workers on close, and refuses to render after it', async () => {
    const pool = new BodyPool({ threads: 2, batchSize: 4, workersFrom: 1 });
    await pool.render(INPUTS);
    const workers = pool.running;
    await pool.close();
    assert.equal(pool.running.length, 0);
    for (const worker of workers) assert.equal(worker.threadId, -1, 'terminated');
    await assert.rejects(pool.render(INPUTS), /the body pool is closed/);
  });
});
