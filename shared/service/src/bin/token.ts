#!/usr/bin/env node
import { loadAuthenticator } from '../auth';
import { commandLine, usageError } from '../cli';
import { ProvinceRegistry, ROLES, type Role } from '@yrd/domain';
import { loadEnvironment } from '../server';

/**
 * Prints a token signed with this platform's key (JWT_SECRET, JWT_PRIVATE_KEY_FILE, or the development secret
 * under DATA_DIR):  npm run token -- office ZHEJIANG | partner | analyst  [--subject name] [--expires 12h]
 */
const codes = new ProvinceRegistry().codes;
const USAGE = `usage: npm run token -- office <${codes.join('|')}> | partner | analyst [--subject NAME] [--expires 12h]

Prints a token signed with this platform's key (JWT_SECRET, JWT_PRIVATE_KEY_FILE, or the development secret under
DATA_DIR). An office writes its own province's records; a partner and an analyst read and subscribe.
  --subject NAME   the token's subject (default: office@<province>, partner or analyst)
  --expires TIME   how long it is valid, such as 15m or 12h (default 12h)`;
const { positionals, values } = commandLine(USAGE, {
  subject: { type: 'string' }, expires: { type: 'string', default: '12h' },
}, true);
const [role, province] = positionals;
if (!(ROLES as readonly string[]).includes(role) || (role === 'office' && !codes.includes(province?.toUpperCase()))) {
  usageError(role ? `unknown role or province: ${positionals.join(' ')}` : 'name a role', USAGE);
}
const env = loadEnvironment();
loadAuthenticator(env.DATA_DIR, codes).issue({
  role: role as Role, province: province?.toUpperCase(), expiresIn: values.expires,
  subject: values.subject ?? (role === 'office' ? `office@${province.toLowerCase()}` : role),
}).then((token) => console.log(token), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
