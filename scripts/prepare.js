// npm runs `prepare` after `npm install` and `npm ci`: with the dev dependencies there (a clone being set up,
// a host's build step), it compiles, so `npm install && npm start` serves at once. An install without them
// (`npm ci --omit=dev`) has no TypeScript to compile with: it says so and succeeds, and the host compiles
// with `npm run build` before it prunes (README, "Installing on a host"). Starting never compiles.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('typescript');
} catch {
  // No TypeScript: an install without the dev dependencies, which is not the place to compile.
  console.log('courier: no TypeScript here (installed without dev dependencies): not compiling; see `npm run build`');
  process.exit(0);
}
// npm_execpath is the npm that runs this script: the same npm, on any platform, runs the one compile script.
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build:ts'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build:ts'], { stdio: 'inherit', shell: true });
process.exit(result.status ?? 1);
