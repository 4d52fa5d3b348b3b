import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root, found from the compiled test's place in dist/test/…; fixtures are read from source. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const GOLDEN = join(ROOT, 'test', 'golden');
