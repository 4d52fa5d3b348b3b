import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import type { ICruiseResult, IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { ROOT } from './helpers/paths.js';

// The rules live in .dependency-cruiser.js at the repository root (also read by `npm run depcruise`). This test runs
// from dist/test/, so every path is taken from ROOT, never from where the compiled file happens to be.
const CONFIG = join(ROOT, '.dependency-cruiser.js');

/** Cruises `<root>/src` with the repository's rules, resolving imports with `<root>/tsconfig.json`. */
async function cruiseSrc(root: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfigFile = join(root, 'tsconfig.json');
  const { output } = await cruise(
    ['src'],
    { ...options, baseDir: root, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  assert.ok(typeof output === 'object', 'dependency-cruiser returned a report, not its result object');
  return output;
}

const describeViolation = (violation: IViolation): string =>
  `${violation.from} -> ${violation.to} (${violation.rule.name})` +
  (violation.cycle ? ` cycle: ${[violation.from, ...violation.cycle.map((step) => step.name)].join(' -> ')}` : '');

/** Every local dependency found, as `from -> to`. */
const localDependencies = (result: ICruiseResult): string[] =>
  result.modules.flatMap((module) =>
    module.dependencies
      .filter((dependency) => dependency.dependencyTypes.includes('local'))
      .map((dependency) => `${module.source} -> ${dependency.resolved}`),
  );

describe('architecture: the import layers of src/', function () {
  // A cruise takes about 3 s here; leave room for a loaded two-core CI machine.
  this.timeout(60_000);

  it('has no circular import, no upward import across the layers and no import of test/ or bench/', async function () {
    assert.ok(
      existsSync(join(ROOT, 'package.json')) && existsSync(join(ROOT, 'src')),
      `ROOT is not the repository: ${ROOT}`,
    );
    const result = await cruiseSrc(ROOT);

    // The check is only worth something if the NodeNext imports ('./x.js') really resolved to the .ts sources.
    const sources = result.modules.filter((module) => module.source.startsWith('src/'));
    assert.ok(sources.length > 50, `only ${sources.length} modules of src/ were found`);
    assert.ok(
      sources.every((module) => module.source.endsWith('.ts')),
      'a module of src/ is not a .ts file',
    );
    const local = localDependencies(result).filter((dependency) => /^src\/\S+\.ts -> src\/\S+\.ts$/.test(dependency));
    assert.ok(local.length > 50, `only ${local.length} imports between src/ files were resolved`);
    const unresolved = result.modules.filter((module) => module.couldNotResolve).map((module) => module.source);
    assert.deepEqual(unresolved, [], 'imports that resolved to no file');

    const violations = result.summary.violations.map(describeViolation);
    if (violations.length > 0)
      console.log(`    import-layer violations:\n${violations.map((line) => `      ${line}`).join('\n')}`);
    assert.deepEqual(violations, []);
  });

  describe('the checker itself, on a tree made for it', function () {
    let root = '';
    before(function () {
      root = mkdtempSync(join(tmpdir(), 'courier-architecture-'));
      const files: Record<string, string> = {
        'package.json': '{ "type": "module" }\n',
        'tsconfig.json': JSON.stringify({
          compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
          include: ['src/**/*.ts', 'test/**/*.ts'],
        }),
        // A circle within one layer: model/a -> model/b -> model/a.
        'src/model/a.ts': "import { b } from './b.js';\nexport const a = (): string => b();\n",
        'src/model/b.ts': "import { a } from './a.js';\nexport const b = (): string => String(a);\n",
        // An upward import: lib is the lowest layer and may not import config.
        'src/lib/files.ts': "import { setting } from '../config/config.js';\nexport const files = setting;\n",
        // A type-only upward import counts too: render may not import publish.
        'src/render/rss.ts':
          "import type { Output } from '../publish/output.js';\nexport const rss = (o: Output): string => o.path;\n",
        'src/publish/output.ts': 'export interface Output { path: string }\n',
        // The importer sits just above content: it may read records' rules but not the feed model.
        'src/import/feed.ts':
          "import { setting } from '../config/config.js';\nimport { a } from '../model/a.js';\nexport const feed = [setting, a];\n",
        // Downward imports are fine.
        'src/config/config.ts':
          "import { files } from '../lib/files.js';\nexport const setting = 1;\nexport const again = files;\n",
        'src/cli/main.ts':
          "import { setting } from '../config/config.js';\nimport { a } from '../model/a.js';\nimport { feed } from '../import/feed.js';\nexport const main = [setting, a, feed];\n",
        // The service never imports its tests.
        'src/http/app.ts': "import { helper } from '../../test/helper.js';\nexport const app = helper;\n",
        'test/helper.ts': 'export const helper = 1;\n',
        // A folder that is no layer, and an import of a file that does not exist.
        'src/misc/thing.ts': "import { setting } from '../config/config.js';\nexport const thing = setting;\n",
        'src/service/service.ts': "import { nothing } from './missing.js';\nexport const service = nothing;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
    });
    after(function () {
      if (root !== '') rmSync(root, { recursive: true, force: true });
    });

    it('reports the circle, every upward import, the import of test/, the stray folder and the missing file', async function () {
      const result = await cruiseSrc(root);
      const found = result.summary.violations.map(
        (violation) => `${violation.from} -> ${violation.to} (${violation.rule.name})`,
      );
      const expected = [
        'src/lib/files.ts -> src/config/config.ts (layer-lib)',
        'src/render/rss.ts -> src/publish/output.ts (layer-render)',
        'src/import/feed.ts -> src/model/a.ts (layer-import)',
        'src/http/app.ts -> test/helper.ts (src-not-to-test-or-bench)',
        'src/misc/thing.ts -> src/config/config.ts (src-in-a-layer)',
        'src/service/service.ts -> ./missing.js (not-to-unresolvable)',
      ];
      for (const line of expected)
        assert.ok(found.includes(line), `not reported: ${line}\nreported:\n${found.join('\n')}`);

      // Each circle is reported: dependency-cruiser names it once, from one of its members, with the path round it.
      // (lib -> config -> lib is a circle as well as an upward import.)
      const circles = result.summary.violations
        .filter((violation) => violation.rule.name === 'no-circular')
        .map((violation) =>
          [...new Set([violation.from, ...(violation.cycle ?? []).map((step) => step.name)])].sort().join(' '),
        );
      assert.deepEqual(circles.sort(), ['src/config/config.ts src/lib/files.ts', 'src/model/a.ts src/model/b.ts']);

      // Nothing else: the downward imports (cli -> config, cli -> model, cli -> import, import -> config,
      // config -> lib) are allowed.
      assert.equal(found.length, expected.length + circles.length, `reported:\n${found.join('\n')}`);
    });
  });
});
