import { parseArgs } from 'node:util';
import { readConfig } from '../config/read-config.js';
import { PROFILE_IDS } from '../partners/profiles.js';
import { add, remove, revoke, rotate } from './partner-actions.js';
import { list } from './partner-list.js';
import { fail, messageOf, type Env, type Io } from './io.js';

const USAGE = `Usage: courier partners <add|rotate|revoke|remove|list> ... [--content DIR] [--out DIR] [--state DIR]

  add <id> --name NAME --profile PROFILE [--categories "A,B"]
                             add a partner with one key, and print the key (the only time it is shown)
  rotate <id>                add a new key and print it; the partner's other keys keep working
  revoke <id> <key-prefix>   remove a key; a running server stops accepting it within seconds
  remove <id>                remove a partner and all its keys, the same way
  list                       every partner and key in force, with when each key last pulled a feed

A partner or key missing from partners.yaml stays in force from the last good partners (in the state folder)
until it is revoked or removed with these commands.

Profiles: ${PROFILE_IDS.join(', ')}. Without --categories a partner receives every category.
`;

const OPTIONS = {
  content: { type: 'string' },
  out: { type: 'string' },
  state: { type: 'string' },
  help: { type: 'boolean' },
  name: { type: 'string' },
  profile: { type: 'string' },
  categories: { type: 'string' },
} as const;

/** `courier partners …`: manages partners.yaml. A new key is written to stdout once, and nowhere else. */
export async function partnersCommand(argv: readonly string[], env: Env, io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return usage(io, `${messageOf(error)}\n\n`);
  }
  const {
    values,
    positionals: [action, ...args],
  } = parsed;
  if (values.help) return usage(io, '', 0);
  const addOnly = values.name !== undefined || values.profile !== undefined || values.categories !== undefined;
  if (action !== 'add' && addOnly) {
    return usage(io, 'courier: --name, --profile and --categories are for `partners add` only\n\n');
  }
  const { config, problems } = readConfig(env, values);
  if (!config) return fail(io, `the configuration has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`, 2);
  const target = { io, contentDir: config.contentDir, stateDir: config.stateDir, redisUrl: config.scale.redisUrl };
  // Each action below checks how many arguments it has; the defaults are never used.
  const [id = '', prefix = ''] = args;
  try {
    if (action === 'add' && args.length === 1) return await add(target, id, values);
    if (action === 'rotate' && args.length === 1) return await rotate(target, id);
    if (action === 'revoke' && args.length === 2) return await revoke(target, id, prefix);
    if (action === 'remove' && args.length === 1) return await remove(target, id);
    if (action === 'list' && args.length === 0) return await list(target);
  } catch (error) {
    return fail(io, `nothing changed: ${messageOf(error)}`);
  }
  return usage(io, '');
}

function usage(io: Io, before: string, code = 2): number {
  io.stderr(before + USAGE);
  return code;
}
