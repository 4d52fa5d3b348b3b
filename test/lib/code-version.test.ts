import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeVersion, runningCodeVersion } from '../../src/lib/code-version.js';
import { courierVersion } from '../../src/lib/version.js';

describe('the version the caches on disk are kept for', () => {
  let root: string;
  let code: string;
  let modules: string;
  const version = () => codeVersion('1.2.3', code, modules);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'courier-code-version-'));
    code = join(root, 'bundle');
    modules = join(root, 'node_modules');
    mkdirSync(join(code, 'chunks'), { recursive: true });
    mkdirSync(modules);
    writeFileSync(join(code, 'main.js'), 'render(feed)');
    writeFileSync(join(code, 'chunks', 'a.js'), 'escape(text)');
    writeFileSync(
      join(modules, '.package-lock.json'),
      '{"packages":{"node_modules/markdown-it":{"version":"14.1.0"}}}',
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("starts with package.json's version, and is the same for the same code compiled and installed again", () => {
    const before = version();
    assert.match(before, /^1\.2\.3\+[0-9a-f]{16}$/);
    writeFileSync(join(code, 'main.js'), 'render(feed)');
    writeFileSync(
      join(modules, '.package-lock.json'),
      '{"packages":{"node_modules/markdown-it":{"version":"14.1.0"}}}',
    );
    assert.equal(version(), before);
  });

  it('changes with any file of the code, a file added, or a package installed at another version', () => {
    const seen = new Set([version()]);
    writeFileSync(join(code, 'chunks', 'a.js'), 'escape(text, { quotes: true })');
    seen.add(version());
    writeFileSync(join(code, 'chunks', 'b.js'), 'more()');
    seen.add(version());
    writeFileSync(
      join(modules, '.package-lock.json'),
      '{"packages":{"node_modules/markdown-it":{"version":"14.1.1"}}}',
    );
    seen.add(version());
    assert.equal(seen.size, 4);
  });

  it("is, for the code running now, this package's version and a digest of it", () => {
    assert.ok(runningCodeVersion().startsWith(`${courierVersion()}+`));
  });
});
