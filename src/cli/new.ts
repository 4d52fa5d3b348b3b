import { open } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ARTICLES_DIR } from '../content/load.js';
import { formatProblem } from '../content/problem.js';
import { loadSite } from '../content/site.js';
import { slugify } from '../content/text.js';
import { isErrnoException } from '../lib/errors.js';
import { fail, messageOf, type Env, type Io } from './io.js';
import { readConfig } from '../config/read-config.js';

export const NEW_USAGE = `Usage: courier new "<title>" [--category NAME]... [--author NAME]... [--content DIR]

  Writes a draft record under articles/<yyyy>/<mm>/ with its id pinned, so that renaming the file later never
  changes the id readers know. Edit it, then set status: published (or remove the status line).
`;

/** `courier new "<title>"`: a draft record whose `id:` is written out, made from its path as the build would. */
export async function newCommand(argv: readonly string[], env: Env, io: Io): Promise<number> {
  let parsed;
  try {
    const options = {
      content: { type: 'string' },
      category: { type: 'string', multiple: true },
      author: { type: 'string', multiple: true },
    } as const;
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options });
  } catch (error) {
    io.stderr(`${messageOf(error)}\n\n${NEW_USAGE}`);
    return 2;
  }
  const [title, ...extra] = parsed.positionals;
  if (title === undefined || title.trim() === '' || extra.length > 0) {
    io.stderr(NEW_USAGE);
    return 2;
  }
  const { config, problems } = readConfig(env, parsed.values);
  if (!config) return fail(io, `the configuration has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`, 2);
  const { site, problems: siteProblems } = await loadSite(config.contentDir);
  if (!site) return fail(io, `the site settings have problems:\n${siteProblems.map(formatProblem).join('\n')}`);
  const slug = slugify(title);
  if (slug === '') return fail(io, `no file name can be made from ${JSON.stringify(title)}: use letters or digits`);
  const now = new Date(io.now());
  const folder = `${ARTICLES_DIR}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const file = `${folder}/${slug}.md`;
  const text = draft(`tag:${site.idAuthority}:${encodeURI(file.replace(/\.md$/, ''))}`, title, now, parsed.values);
  try {
    await writeNew(join(config.contentDir, file), text);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST')
      return fail(io, `${file} exists already: choose another title`);
    throw error;
  }
  io.stdout(`${file}\n`);
  return 0;
}

function draft(id: string, title: string, now: Date, values: { category?: string[]; author?: string[] }): string {
  const list = (names: readonly string[] | undefined) =>
    `[${(names ?? []).map((name) => JSON.stringify(name)).join(', ')}]`;
  const lines = [
    '---',
    `id: ${JSON.stringify(id)}`,
    `title: ${JSON.stringify(title.trim())}`,
    `published: ${JSON.stringify(now.toISOString().replace(/\.\d{3}Z$/, 'Z'))}`,
    'status: draft',
    ...(values.author ? [`authors: ${list(values.author)}`] : []),
    `categories: ${list(values.category)}`,
    '---',
    '',
    'Write the story here.',
    '',
  ];
  return lines.join('\n');
}

/** Creates the file, never replacing one that exists. */
async function writeNew(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
