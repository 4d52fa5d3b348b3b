import { readFileSync } from 'node:fs';

/**
 * The flags Node is started with by the executable's first line (`#!/usr/bin/env -S node --flag…`), as by
 * package.json's start and the Procfile: what a bench starting `node bin/courier.js` passes too, so that it
 * runs the command as users do.
 */
export function nodeFlagsOf(bin: string): string[] {
  const shebang = readFileSync(bin, 'utf8').split('\n')[0] ?? '';
  return (
    /^#!\/usr\/bin\/env -S node(.*)$/
      .exec(shebang)?.[1]
      ?.split(' ')
      .filter((flag) => flag !== '') ?? []
  );
}
