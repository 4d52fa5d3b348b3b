import type { Action, ImportResult } from './importer.js';

/**
 * The report of an import: a line per item (what became of it, and where), each thing it could not carry
 * indented under it, then a summary of the counts and of what was not carried, by field.
 */
export function formatImport(result: ImportResult, dryRun: boolean): string {
  const lines: string[] = [];
  const { source, outcomes } = result;
  lines.push(`${source.format}${source.title === undefined ? '' : ` "${source.title}"`}: ${outcomes.length} items`);
  for (const outcome of outcomes) {
    const verb =
      dryRun && (outcome.action === 'written' || outcome.action === 'replaced')
        ? `would be ${outcome.action}`
        : outcome.action;
    const where = outcome.file === undefined ? '' : ` ${outcome.file}`;
    const why = outcome.reason === undefined ? '' : `: ${outcome.reason}`;
    lines.push(`${verb}${where} "${outcome.title}"${why}`);
    for (const note of outcome.notes) lines.push(`  note: ${note}`);
  }
  for (const note of source.notes) lines.push(`source: ${note}`);
  lines.push(summaryLine(result, dryRun));
  const lost = lostByField(result);
  if (lost !== '') lines.push(`notes, by field (items): ${lost}`);
  return `${lines.join('\n')}\n`;
}

function summaryLine({ outcomes }: ImportResult, dryRun: boolean): string {
  const count = (action: Action) => outcomes.filter((outcome) => outcome.action === action).length;
  const would = dryRun ? ' (dry run: nothing written)' : '';
  const drafts = outcomes.filter((outcome) => outcome.notes.some((note) => note.startsWith('status:'))).length;
  const draftText = drafts > 0 ? `, ${drafts} as drafts` : '';
  const rest = `${count('replaced')} replaced, ${count('skipped')} skipped, ${count('failed')} failed`;
  return `courier import: ${count('written')} written${draftText}, ${rest}${would}`;
}

/** "comments 3, enclosure 1": how many items lost something, by the field the note names. */
function lostByField({ outcomes }: ImportResult): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    for (const field of new Set(outcome.notes.map((note) => note.replace(/:.*$/s, '')))) {
      counts.set(field, (counts.get(field) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, count]) => `${field} ${count}`)
    .join(', ');
}
