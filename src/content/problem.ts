/** A problem with the input: which file, which field, and what was expected and found. */
export interface Problem {
  readonly file: string;
  readonly field: string;
  readonly message: string;
  /** A warning tells of something to look at; the record is still published as it is. Absent: an error. */
  readonly severity?: 'warning';
}

export function formatProblem(problem: Problem): string {
  return `${problem.severity === 'warning' ? 'warning: ' : ''}${problem.file}: ${problem.field}: ${problem.message}`;
}

export function isError(problem: Problem): boolean {
  return problem.severity !== 'warning';
}

/** Describes a YAML value briefly for "found ..." in messages, never dumping a whole structure. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
}
