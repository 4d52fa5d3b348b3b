/** A "key: value" line: its indentation, any "- " in front, the key and the value (without trailing space). */
export const KEY_LINE = /^( *)((?:- +)*)([A-Za-z_][\w-]*):(?:[ \t]+(.*?))?[ \t]*$/;

/** The field a line belongs to, as "title" or "image.caption": the line's key under its parents' keys. */
export function keyPath(lines: readonly string[], index: number): string | undefined {
  const path: string[] = [];
  const line = lines[index] ?? '';
  // A line that is no "key:" line (an item, a folded line) belongs to the first key less indented than itself,
  // or, for a "- " item, not more indented (a list may start at its field's own indentation).
  const own = line.length - line.trimStart().length;
  let below = KEY_LINE.test(line) ? Infinity : own + (line.trimStart().startsWith('- ') ? 1 : 0);
  for (let at = index; at >= 0 && below > 0; at -= 1) {
    const entry = KEY_LINE.exec(lines[at] ?? '');
    if (!entry) continue;
    const indent = (entry[1]?.length ?? 0) + (entry[2]?.length ?? 0);
    // A key of a list item ("  - name: A") belongs to the field above it: count it at the dash.
    const level = entry[2] ? (entry[1]?.length ?? 0) : indent;
    if (indent >= below) continue;
    path.unshift(entry[3] ?? '');
    below = level;
  }
  return path.length > 0 ? path.join('.') : undefined;
}
