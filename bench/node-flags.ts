import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Node flags the Procfile's web process starts `courier serve` with (as package.json's start does): what a
 * bench starting the service passes too, so that it runs the service as it is deployed.
 */
export function serveFlags(repo: string): string[] {
  const procfile = readFileSync(join(repo, 'Procfile'), 'utf8');
  const flags = /^web: node(.*) bin\/courier\.js serve$/m.exec(procfile)?.[1] ?? '';
  return flags.split(' ').filter((flag) => flag !== '');
}
