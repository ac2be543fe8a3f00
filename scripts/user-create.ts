/**
 * `npm run user:create -- --email a@b.dk --role admin`: creates a local account, e.g. a
 * deployment's first admin (issue 3, story 5). It goes through the accounts service as a system
 * action, so the account is validated by the API's own contract and the creation is audited.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import { createDb, type DbHandle } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { CreateAccountBody } from '../server/modules/accounts/accounts.schemas.ts';
import { createAccount } from '../server/modules/accounts/accounts.service.ts';
import { AppError } from '../server/shared/errors.ts';
import { Role } from '../server/shared/schemas.ts';

const HELP = `Usage: npm run user:create -- --email <address> --role <role> [options]

  --email <address>    the account's e-mail address (its login)               required
  --role <role>        ${Role.options.join(', ')}; repeat the flag or
                       separate with commas (--role admin,analyst)           required
  --name <name>        display name (default: the part of the address before @)
  --locale <da|en>     preferred language (default: da)
  --password <pw>      at least 12 characters; when left out it is asked for at the
                       prompt (hidden, twice), or read as one line from standard input
                       when that is not a terminal. A password on the command line
                       ends up in the shell history and the process list: prefer the prompt.
  --help               this text

Examples:
  npm run user:create -- --email it-chef@digst.dk --role admin --name "Ida Holm"
  printf '%s\\n' "$PW" | npm run user:create -- --email a@b.dk --role analyst,reviewer

Database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite database in
DATA_DIR (default ./data); pending migrations are applied first. On PGlite, stop the
server first: two processes that open the same PGlite directory at once corrupt it.

Exit status: 0 created, 1 failed (e.g. the e-mail is taken), 2 bad arguments.
`;

class UsageError extends Error {}

/** Reads a password from the terminal without echoing it. Ctrl-C aborts, backspace erases. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  const out = process.stderr;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      out.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(new UsageError('Cancelled'));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    out.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** Reads the first line of a piped standard input (`printf '%s\n' "$PW" | …`). */
function readFirstLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let got: string | null = null;
    rl.once('line', (line) => {
      got = line;
      rl.close();
    });
    rl.once('close', () => (got === null ? reject(new UsageError('No password on standard input')) : resolve(got)));
  });
}

async function obtainPassword(given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) return readFirstLine();
  const first = await promptHidden('Password (at least 12 characters): ');
  const again = await promptHidden('Repeat the password: ');
  if (first !== again) throw new UsageError('The two passwords differ');
  return first;
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      locale: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  if (!values.email) throw new UsageError('--email is required');
  const roles = (values.role ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0) throw new UsageError(`--role is required (${Role.options.join(', ')})`);
  const unknown = roles.filter((r) => !(Role.options as readonly string[]).includes(r));
  if (unknown.length)
    throw new UsageError(`Unknown role ${unknown.join(', ')}; choose from ${Role.options.join(', ')}`);
  return { ...values, email: values.email, roles };
}

async function main(): Promise<number> {
  const args = parseCli();
  if (!args) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  const password = await obtainPassword(args.password);
  const parsed = CreateAccountBody.safeParse({
    email: args.email,
    displayName: args.name ?? args.email.split('@')[0],
    password,
    roles: [...new Set(args.roles)],
    locale: args.locale ?? 'da',
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'input'}: ${i.message}`);
    throw new UsageError(`Invalid account:\n${lines.join('\n')}`);
  }
  let handle: DbHandle | undefined;
  try {
    handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 1 });
    for (const m of await migrateToLatest(handle.db)) {
      process.stdout.write(`  migration ${m.migrationName}: ${m.status === 'Success' ? 'applied' : m.status}\n`);
    }
    const account = await createAccount(handle.db, null, parsed.data, { system: true });
    process.stdout.write(`Created ${account.email} (${account.roles.join(', ')}), id ${account.id}\n`);
    return 0;
  } finally {
    await handle?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${err.message}\n\n${HELP}`);
      process.exit(2);
    }
    if (err instanceof AppError && err.code === 'EMAIL_TAKEN') {
      process.stderr.write('An account with this e-mail address already exists; nothing was changed.\n');
      process.exit(1);
    }
    process.stderr.write(`Could not create the account: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
