/** The shape of a paired corpus (paired-corpus.ts), its defaults, and the script's options that change it. */
export interface CorpusShape {
  readonly n: number;
  readonly seed: number;
  /** Median body size in KB; bodies vary ±25 % around it. */
  readonly bodyKb: number;
  readonly categories: number;
  readonly authors: number;
  /** Most tags on one record (each has 1 to this many). */
  readonly tags: number;
  /** Share (0-1) of records with raw HTML blocks in the body. */
  readonly html: number;
  /** Share (0-1) of records with hostile characters in title and body. */
  readonly hostile: number;
}

export const DEFAULT_SHAPE: Omit<CorpusShape, 'n'> = {
  seed: 20261128,
  bodyKb: 6,
  categories: 30,
  authors: 41,
  tags: 4,
  html: 0.2,
  hostile: 0.3,
};

/** `--name value` options over the defaults; throws on an unknown option or a value that is not a number. */
export function shapeFromArgs(n: number, args: readonly string[]): CorpusShape {
  const shape: Record<string, number> = { ...DEFAULT_SHAPE, n };
  const keys: Record<string, keyof CorpusShape> = {
    '--seed': 'seed',
    '--body-kb': 'bodyKb',
    '--categories': 'categories',
    '--authors': 'authors',
    '--tags': 'tags',
    '--html': 'html',
    '--hostile': 'hostile',
  };
  for (let i = 0; i < args.length; i += 2) {
    const key = keys[args[i] ?? ''];
    const value = Number(args[i + 1]);
    if (key === undefined || !Number.isFinite(value)) throw new Error(`unknown option or value: ${args[i]}`);
    shape[key] = value;
  }
  return shape as unknown as CorpusShape;
}
