// ESLint 9 flat config. Type-aware: the TypeScript of src/, test/ and bench/ is linted with the types of
// tsconfig.json (through typescript-eslint's project service), so rules such as no-floating-promises and no-unsafe-*
// see what tsc sees. Formatting is Prettier's job: eslint-config-prettier comes last and turns off every rule that
// would fight it. `npm run lint` runs this with --max-warnings 0: every rule here is an error or off.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, installed packages, written feeds, and data whose bytes matter (no code in any of them).
  globalIgnores(['dist/', 'node_modules/', 'feeds/', 'bench/out/', 'content/', 'test/golden/', 'test/fixtures/']),

  js.configs.recommended,
  // strict rather than recommended: this code already runs tsc in strict mode with noUncheckedIndexedAccess, and
  // the strict set adds the checks that matter for it (no-unnecessary-condition, no-non-null-assertion, ...).
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,

  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
      reportUnusedInlineConfigs: 'error',
    },
    rules: {
      // House rules (the first two are in the strict set already; stated here so that they stay).
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: true },
      ],
      eqeqeq: ['error', 'always'],

      // Relaxed: numbers print the same everywhere, and the code puts counts, statuses and sizes in messages all the
      // time; strict's default would demand String(n) in each. Everything else (objects, unknown, any, nullish,
      // booleans) still needs an explicit conversion.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],

      // Off: the field readers' idiom `return read.fail(field, why)` returns fail()'s `undefined` on purpose, and
      // Express handlers `return next()`. The rule counts `undefined` as void-like, so it flags exactly that idiom;
      // the confusion it is meant to catch (using a void result as a value) is a tsc error already.
      '@typescript-eslint/no-confusing-void-expression': 'off',

      // Relaxed for strings only: `env.HOST || '0.0.0.0'` means "unset or empty", which is what an environment
      // variable needs; `??` would keep the empty string. Numbers, booleans and objects still need `??`.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],

      // Relaxed: an Express error handler must declare four parameters (`_next`) to be one, and `{ image: _, ...rest }`
      // is how an object loses a key. Unused names that do not start with _ and are no rest siblings still fail.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],

      // Chosen over the default 'array': T[] for simple types, Array<...> for tuples, unions and generics, which is
      // what the code already writes (and reads better than [string, number][]).
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
    },
  },

  // The service's own code never prints by itself: the CLI writes through process.stdout/stderr on purpose, and the
  // service logs through the function it is given.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
    },
  },
  {
    // bench/ is left out: its corpus generator and load driver are long scripts, not modules to navigate.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },

  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Off in tests and benchmarks: `rows[0]!` on data the test itself just made; were it missing, the test fails
      // loudly on the next line anyway. In src/ every `!` is a claim tsc cannot check, so it stays an error there.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Off in tests and benchmarks: `() => {}` is the ordinary no-op stub for a logger or a callback.
      '@typescript-eslint/no-empty-function': 'off',
    },
  },

  // Plain JavaScript (bin/courier.js and the config files): outside tsconfig.json's program, and bin/ imports the
  // compiled dist/, which has no type declarations, so type-aware rules would see only `any`. These files get the
  // syntax-only rules.
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },

  // bin/courier.js is CommonJS (bin/package.json): it sizes libuv's pool before anything starts it.
  {
    files: ['bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  prettier,
);
