// dependency-cruiser's rules for src/: no circular imports, and the layers lean one way.
// Run by test/architecture.test.ts through dependency-cruiser's API, and by hand with `npm run depcruise`.

/** The layers of src/ (src/<layer>/...), lowest first. A layer may import itself and any layer before it here. */
export const LAYERS = [
  'lib',
  'config',
  'content',
  'import',
  'model',
  'render',
  'partners',
  'publish',
  'observe',
  'websub',
  'http',
  'service',
  'cli',
];

const inLayer = `^src/(${LAYERS.join('|')})/`;

/** One rule per layer: its files must not import a file of any layer above it. */
const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only ${LAYERS.slice(0, index + 1).join(', ')} (the layer order is ${LAYERS.join(' < ')})`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(index + 1).join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a circle of imports among src/ files: untangle it, often by moving a type or helper down a layer',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
    {
      name: 'logger-made-at-the-entry-point',
      comment:
        'only src/cli/ makes the logger (pino, pino-pretty); other layers take the Logger (src/lib/logger.ts) given',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: 'node_modules/(pino|pino-pretty)/' },
    },
    {
      name: 'src-not-to-test-or-bench',
      comment: 'the service never depends on its tests or benchmarks',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-in-a-layer',
      comment: `every file of src/ lives in one of the layers (${LAYERS.join(', ')}); a new folder needs a place in LAYERS`,
      severity: 'error',
      from: { path: '^src/', pathNot: inLayer },
      to: {},
    },
    {
      name: 'to-src-in-a-layer',
      comment: `every file of src/ lives in one of the layers (${LAYERS.join(', ')}); a new folder needs a place in LAYERS`,
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: inLayer },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to no file: a typo, or a .js specifier whose .ts source does not exist',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Count `import type` too: a type is owned by a layer like any value, and a type-only import upward is still
    // an upward dependency (and tsc-only circles still tangle the code).
    tsPreCompilationDeps: true,
    // The NodeNext sources import './x.js'; dependency-cruiser maps those to ./x.ts, and reads tsconfig.json for
    // the rest of TypeScript's resolution.
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: ['node_modules'] },
    // Resolve packages through their package.json "exports", as Node does (p-limit has nothing else).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
