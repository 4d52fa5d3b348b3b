import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildReport } from '../../src/publish/report.js';
import { TempBuild } from './build.js';
import { FIXTURES } from './paths.js';

/** The golden content with the partner fixtures over it: partners.yaml and the rights cases. */
export function partnerContent(): TempBuild {
  const build = new TempBuild();
  cpSync(join(FIXTURES, 'partners'), build.content, { recursive: true });
  return build;
}

/** A partner's file from a build, as text. */
export function partnerFile(report: BuildReport, partnerId: string, path: string): string {
  const file = report.publication?.partners.files.get(partnerId)?.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no ${path} for partner ${partnerId}`);
  return file.body.toString('utf8');
}
