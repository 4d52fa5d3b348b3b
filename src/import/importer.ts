import { mkdir, open } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArticle } from '../content/article.js';
import { ArticleLoader } from '../content/load.js';
import { formatProblem, isError } from '../content/problem.js';
import type { Site } from '../content/site.js';
import { writeAtomically } from '../lib/files.js';
import { draftRecord, type DraftRecord } from './record.js';
import type { SourceFeed, SourceItem } from './types.js';

export interface ImportOptions {
  /** Report what would be written, and write nothing. */
  readonly dryRun: boolean;
  /** Replace a record imported before (one holding the same id); never a record of another story. */
  readonly force: boolean;
  /** Leave out what the source holds as drafts (WordPress drafts, pending and private posts). */
  readonly skipDrafts: boolean;
}

export type Action = 'written' | 'replaced' | 'skipped' | 'failed';

/** What became of one item. */
export interface ItemOutcome {
  readonly title: string;
  readonly action: Action;
  /** The record's path under the content folder, when it has (or would have) one. */
  readonly file?: string;
  /** Why it was skipped or failed. */
  readonly reason?: string;
  /** What the record could not carry. */
  readonly notes: readonly string[];
}

export interface ImportResult {
  readonly source: SourceFeed;
  readonly outcomes: readonly ItemOutcome[];
}

/**
 * Writes a record for every item of the source into the content folder: each checked as the build checks it,
 * under a file name of its own, never replacing another story's record, and never a record imported before
 * unless `force`. An item whose id a record holds already is skipped, so importing twice imports once.
 */
export async function importItems(
  source: SourceFeed,
  contentDir: string,
  site: Site,
  options: ImportOptions,
): Promise<ImportResult> {
  const known = new Map(new ArticleLoader(contentDir).load(site).articles.map((article) => [article.id, article.file]));
  const taken = new Set<string>();
  const outcomes: ItemOutcome[] = [];
  for (const item of source.items) {
    const outcome = await importItem(item, { contentDir, site, options, known, taken });
    outcomes.push(outcome);
  }
  return { source, outcomes };
}

interface Context {
  readonly contentDir: string;
  readonly site: Site;
  readonly options: ImportOptions;
  /** Ids of the records in the folder (and of those written in this run), with their files. */
  readonly known: Map<string, string>;
  /** Files written (or to be written) in this run. */
  readonly taken: Set<string>;
}

async function importItem(item: SourceItem, context: Context): Promise<ItemOutcome> {
  const title = item.title ?? item.id ?? '(untitled)';
  if (context.options.skipDrafts && item.status === 'draft') {
    return { title, action: 'skipped', reason: 'a draft in the source (--skip-drafts)', notes: [] };
  }
  // An item already in the folder under its own GUID is skipped before it is made a record, which costs more.
  const present = item.id === undefined ? undefined : context.known.get(item.id);
  if (present !== undefined && !context.options.force && !context.taken.has(present)) {
    return { title, action: 'skipped', file: present, reason: `already imported as ${present}`, notes: [] };
  }
  const draft = draftRecord(item, context.site);
  if ('failed' in draft) return { title, action: 'failed', reason: draft.failed, notes: item.notes };
  const first = check(draft, `${draft.stem}.md`, context.site);
  if ('failed' in first) return { title, action: 'failed', reason: first.failed, notes: draft.notes };
  const earlier = context.known.get(first.id);
  if (earlier !== undefined && !(context.options.force && !context.taken.has(earlier))) {
    const reason = context.taken.has(earlier)
      ? `the source holds its id twice (${first.id})`
      : `already imported as ${earlier}`;
    return { title, action: 'skipped', file: earlier, reason, notes: draft.notes };
  }
  const file = earlier ?? freeFile(draft, context);
  const checked = file === `${draft.stem}.md` ? first : check(draft, file, context.site);
  if ('failed' in checked) return { title, action: 'failed', reason: checked.failed, notes: draft.notes };
  context.known.set(checked.id, file);
  context.taken.add(file);
  if (!context.options.dryRun) await writeRecord(join(context.contentDir, file), draft.text, earlier !== undefined);
  return {
    title,
    action: earlier === undefined ? 'written' : 'replaced',
    file,
    notes: [...draft.notes, ...checked.warnings],
  };
}

/** The record checked as the build will check it: its id, or every problem that would keep it out. */
function check(draft: DraftRecord, file: string, site: Site): { id: string; warnings: string[] } | { failed: string } {
  const { article, problems } = parseArticle(draft.text, file, site);
  if (!article || problems.some(isError)) return { failed: problems.map(formatProblem).join('; ') };
  return { id: article.id, warnings: problems.map((problem) => `${problem.field}: ${problem.message}`) };
}

/** The record's file: <stem>.md, or <stem>-2.md, -3, … when a record or this run has taken it. */
function freeFile(draft: DraftRecord, { contentDir, taken }: Context): string {
  for (let suffix = 1; ; suffix += 1) {
    const file = suffix === 1 ? `${draft.stem}.md` : `${draft.stem}-${suffix}.md`;
    if (!taken.has(file) && !existsSync(join(contentDir, file))) return file;
  }
}

/** A new record is created, never over a file that appeared meanwhile; one imported before is replaced whole. */
async function writeRecord(path: string, text: string, replace: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (replace) return writeAtomically(path, text);
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
