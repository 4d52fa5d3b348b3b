/**
 * Summarises V8 CPU profiles (as written by node --cpu-prof, e.g. by `node dist/bench/build.js N --cpu-prof`):
 * the functions with the most self time and with the most total (inclusive) time.
 *
 *   node dist/bench/profile-summary.js <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths under the repository are shown relative to it (from dist/bench/profile-summary.js, two levels up). */
const ROOT = `${resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')}/`;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url === '' ? '' : ` ${url.replace(/^file:\/\//, '').replace(ROOT, '')}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${where}`;
}

function summarise(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    // Each function on the sample's stack gets the time once, however deep it recurses.
    const seen = new Set<string>();
    for (
      let at: number | undefined = id, depth = 0;
      at !== undefined && depth < 10_000;
      at = parent.get(at), depth += 1
    ) {
      const frame = byId.get(at);
      if (!frame) break;
      const name = label(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const table = (title: string, entries: Map<string, number>) =>
    `${title}\n${[...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) =>
          `  ${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`,
      )
      .join('\n')}`;
  return `${(total / 1000).toFixed(0)} ms sampled\n\n${table('Self time', self)}\n\n${table('Total time (inclusive)', inclusive)}\n`;
}

const [file, topText] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]\n');
  process.exitCode = 2;
} else {
  process.stdout.write(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(topText ?? 25)));
}
