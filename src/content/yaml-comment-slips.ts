import { KEY_LINE, keyPath } from './yaml-key-path.js';
import { quote, type Slip } from './yaml-slips.js';

/** Fields of running text, in which " #" is more likely a hashtag or a number than a comment. */
const TEXT_FIELDS = new Set([
  'title',
  'summary',
  'label',
  'name',
  'alt',
  'caption',
  'credit',
  'copyright',
  'license',
  'retraction_note',
]);

/**
 * Warnings for text YAML read as a comment: in `title: Protests under #MeToo` everything from " #" on is a
 * comment, so the title would be "Protests under". The record is published as YAML read it, and told.
 */
export function commentSlips(lines: readonly string[], firstLine: number): Slip[] {
  const slips: Slip[] = [];
  lines.forEach((line, index) => {
    const entry = KEY_LINE.exec(line);
    const [, , , key = '', value = ''] = entry ?? [];
    if (!TEXT_FIELDS.has(key) || /^['"[{|>]/.test(value)) return;
    const comment = /\s#/.exec(value);
    if (!comment) return;
    const read = value.slice(0, comment.index).trim();
    const fix = `${key}: ${quote(value)}`;
    const message =
      `read as ${JSON.stringify(read)} at line ${index + firstLine}: YAML takes the text from " #" on as a comment; ` +
      `quote the value to keep it: ${fix}`;
    slips.push({ field: keyPath(lines, index) ?? key, message });
  });
  return slips;
}
